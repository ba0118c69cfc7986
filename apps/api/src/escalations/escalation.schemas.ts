import { z } from 'zod';
import { pageCursor } from '../http/page-cursor';
import { ESCALATION_STATUSES, LEVELS, SEVERITIES } from '@muster/domain';
import { cellSlug, gssCode, isoInstant, marking, queryInteger, text } from '../http/schemas';

export const raiseBody = z
  .strictObject({
    authority: gssCode,
    cell: cellSlug,
    title: text(200),
    detail: text(10_000),
    severity: z.enum(SEVERITIES),
    ask: text(4_000).optional(),
    marking,
    neededBy: isoInstant.optional().meta({ description: 'When an answer is needed by: in the future, within a year.' }),
  })
  .meta({ id: 'EscalationInput' });

// An acknowledgement may carry no body at all.
export const acknowledgeBody = z
  .strictObject({ note: text(4_000).optional() })
  .default({})
  .meta({ id: 'Acknowledgement' });
export const escalateBody = z.strictObject({ reason: text(4_000) }).meta({ id: 'EscalateByHand' });
export const resolveBody = z.strictObject({ resolution: text(10_000) }).meta({ id: 'Resolution' });
export const updateBody = z
  .strictObject({
    note: text(10_000),
    nextUpdateDue: isoInstant.optional().meta({
      description:
        'When the next update will come: in the future, within 14 days. If it passes with no newer update, the escalation re-alerts once.',
    }),
  })
  .meta({ id: 'EscalationUpdate' });
export const withdrawBody = z.strictObject({ reason: text(4_000) }).meta({ id: 'Withdrawal' });

export const listQuery = z.strictObject({
  status: z.enum(ESCALATION_STATUSES).optional(),
  authority: gssCode.optional(),
  cell: cellSlug.optional(),
  level: z.enum(LEVELS).optional(),
  limit: queryInteger(1, 500).default(100),
  cursor: pageCursor.optional(),
});
