import { z } from 'zod';
import { LEVELS, SEVERITIES } from '@muster/domain';
import { actor, instant, markingOf } from '../http/responses';

const level = z.enum(LEVELS);
const step = { at: instant, actor, level };
export const heldBy = z.strictObject({ key: z.string(), name: z.string() }).meta({
  description:
    'Who holds a level, as the rota said: a person’s `sub` and name, or `contact:<scope>` and the name of the scope’s fallback contact point.',
});

export const historyStep = z
  .discriminatedUnion('step', [
    z.strictObject({ step: z.literal('raised'), ...step, ackDueAt: instant, heldBy: heldBy.optional() }),
    z.strictObject({ step: z.literal('acknowledged'), ...step, note: z.string().optional() }),
    z.strictObject({
      step: z.literal('escalated'),
      ...step,
      from: level,
      ackDueAt: instant,
      reason: z.string(),
      heldBy: heldBy.optional(),
    }),
    z.strictObject({ step: z.literal('handed-over'), ...step, from: heldBy, heldBy }),
    z.strictObject({ step: z.literal('overdue'), ...step }),
    z.strictObject({ step: z.literal('resolved'), ...step, resolution: z.string() }),
  ])
  .meta({
    id: 'EscalationStep',
    description: 'One step on the ladder; `actor` is `system` for those it took by itself.',
  });

export const escalation = z
  .strictObject({
    id: z.string(),
    authority: z
      .string()
      .optional()
      .meta({ description: 'The raising authority; absent only when the system raised it.' }),
    cell: z.string(),
    title: z.string(),
    detail: z.string(),
    severity: z.enum(SEVERITIES),
    ask: z.string().optional(),
    marking: markingOf,
    raisedBy: actor,
    raisedAt: instant,
    level,
    heldBy: heldBy
      .optional()
      .meta({ description: 'Who holds the current level now (absent on escalations raised before rotas were kept).' }),
    status: z.enum(['open', 'acknowledged', 'resolved']),
    ackDueAt: instant.nullable().meta({
      description:
        'When the current level must acknowledge by; null once acknowledged, resolved or overdue at the top.',
    }),
    overdue: z.boolean(),
    decisionRequestId: z
      .string()
      .optional()
      .meta({ description: 'The decision request whose missed deadline raised it.' }),
    version: z.number().int().min(1),
    history: z.array(historyStep),
  })
  .meta({ id: 'Escalation' });

export const escalationPage = z
  .strictObject({
    items: z.array(escalation),
    next: z.string().nullable().meta({ description: 'Pass back as `cursor` for the next page; null on the last.' }),
  })
  .meta({ id: 'EscalationPage' });
