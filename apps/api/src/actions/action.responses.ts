import { z } from 'zod';
import { actor, instant, markingOf } from '../http/responses';

const status = z.enum(['open', 'done', 'dropped', 'overdue']);

export const action = z
  .strictObject({
    id: z.string(),
    cell: z.string(),
    decisionId: z.string().meta({ description: 'The decision whose actions it is one of.' }),
    decisionSequence: z.number().int().min(1),
    action: z.string(),
    owner: z.string().meta({ description: 'A person’s `sub`, or the name of someone outside Muster.' }),
    due: instant.optional(),
    status,
    marking: markingOf.meta({ description: 'Its decision’s: need to know reaches it as it reaches the decision.' }),
    authorities: z.array(z.string()),
    createdAt: instant,
    updatedAt: instant,
    history: z.array(
      z.strictObject({
        at: instant,
        by: actor,
        kind: z.enum(['created', 'updated', 'amended', 'overdue']),
        status,
        note: z.string().optional(),
        amendmentId: z.string().optional().meta({ description: 'The amendment that added, changed or dropped it.' }),
      }),
    ),
    version: z.number().int().min(1),
  })
  .meta({ id: 'Action', description: 'An action of a logged decision, tracked.' });

export const actionPage = z
  .strictObject({
    items: z.array(action),
    next: z.string().nullable().meta({ description: 'Pass back as `cursor` for the next page; null on the last.' }),
  })
  .meta({ id: 'ActionPage' });
