import { z } from 'zod';
import { ROLES } from '@muster/contracts';
import { OPEN_ITEM_KINDS } from '@muster/domain';
import { cellSlug, text, uuid } from '../http/schemas';

const figureKey = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'must be a figure key such as ffp3_masks_days');
const timeOfDay = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'must be a local time such as 10:00');

const criterion = z.union([
  z.strictObject({
    description: text(500),
    figure: figureKey,
    below: z.number(),
    minAuthorities: z.number().int().min(1).optional(),
  }),
  z.strictObject({
    description: text(500),
    figure: figureKey,
    above: z.number(),
    minAuthorities: z.number().int().min(1).optional(),
  }),
  z.strictObject({ description: text(500), minAuthorities: z.number().int().min(1).optional() }),
]);

export const createCellBody = z
  .strictObject({
    slug: cellSlug,
    name: text(200),
    description: text(2_000).optional(),
    lead: text(200).optional(),
    decisionTimescaleMinutes: z
      .number()
      .int()
      .min(1)
      .max(60 * 24 * 14),
    sitrepCutoff: timeOfDay.optional(),
    figures: z
      .array(
        z.strictObject({
          key: figureKey,
          label: text(200),
          unit: text(50),
          carriesForward: z.boolean(),
          aggregate: z.enum(['sum', 'min']).optional(),
        }),
      )
      .min(1)
      .max(50),
    thresholds: z
      .array(
        z.strictObject({
          figure: figureKey,
          direction: z.enum(['lower-is-worse', 'higher-is-worse']),
          red: z.number(),
          amber: z.number(),
        }),
      )
      .max(50),
    activationCriteria: z.array(criterion).max(20).optional(),
  })
  .meta({ id: 'CellDefinition' });

export const activationBody = z.strictObject({ reason: text(4_000) }).meta({ id: 'Activation' });
/** Who takes an item: a person (their `sub`, with a name to show) or a role. */
export const handoverTaker = z
  .union([z.strictObject({ sub: text(255), name: text(256).optional() }), z.strictObject({ role: z.enum(ROLES) })])
  .meta({ id: 'HandoverTaker', description: 'A person (`sub`, and `name` to show) or a role (`role`).' });

export const handoverAssignment = z
  .strictObject({ kind: z.enum(OPEN_ITEM_KINDS), id: uuid, to: handoverTaker })
  .meta({ id: 'HandoverAssignment' });

export const standDownBody = z
  .strictObject({
    reason: text(4_000),
    handoverNote: text(10_000).optional(),
    handover: z.array(handoverAssignment).max(1_000).optional().meta({
      description:
        'Who takes each item still open in the cell (its OFFICIAL escalations and decision requests): every one exactly once. Without it, or with any item missing, repeated or not open, standing down is refused (422) listing each.',
    }),
  })
  .meta({ id: 'StandDown' });

export const standbyBody = z.strictObject({ reason: text(4_000) }).meta({ id: 'ReturnToStandby' });
