import { z } from 'zod';
import { pageCursor } from '../http/page-cursor';
import { gssCode, isoInstant, marking, queryInteger, text } from '../http/schemas';

export const openBody = z
  .strictObject({
    question: text(2_000),
    context: text(10_000).optional(),
    options: z.array(text(2_000)).max(20).optional(),
    dueAt: isoInstant.optional(),
    dueInMinutes: z
      .number()
      .int()
      .min(1)
      .max(60 * 24 * 30)
      .optional(),
    marking,
    authority: gssCode.optional(),
  })
  .meta({ id: 'DecisionRequestInput' });

export const listQuery = z.strictObject({
  status: z.enum(['open', 'decided', 'overdue']).optional(),
  limit: queryInteger(1, 500).default(100),
  cursor: pageCursor.optional(),
});
