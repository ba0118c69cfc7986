import { z } from 'zod';
import { pageCursor } from '../http/page-cursor';
import { LEVELS, SEVERITIES } from '@muster/domain';
import { cellSlug, gssCode, marking, queryInteger, text } from '../http/schemas';

export const raiseBody = z
  .strictObject({
    authority: gssCode,
    cell: cellSlug,
    title: text(200),
    detail: text(10_000),
    severity: z.enum(SEVERITIES),
    ask: text(4_000).optional(),
    marking,
  })
  .meta({ id: 'EscalationInput' });

// An acknowledgement may carry no body at all.
export const acknowledgeBody = z
  .strictObject({ note: text(4_000).optional() })
  .default({})
  .meta({ id: 'Acknowledgement' });
export const escalateBody = z.strictObject({ reason: text(4_000) }).meta({ id: 'EscalateByHand' });
export const resolveBody = z.strictObject({ resolution: text(10_000) }).meta({ id: 'Resolution' });

export const listQuery = z.strictObject({
  status: z.enum(['open', 'acknowledged', 'resolved']).optional(),
  authority: gssCode.optional(),
  cell: cellSlug.optional(),
  level: z.enum(LEVELS).optional(),
  limit: queryInteger(1, 500).default(100),
  cursor: pageCursor.optional(),
});
