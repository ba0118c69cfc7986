import { z } from 'zod';
import { cellSlug, text } from '../http/schemas';

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
export const standDownBody = z
  .strictObject({ reason: text(4_000), handoverNote: text(10_000).optional() })
  .meta({ id: 'StandDown' });
