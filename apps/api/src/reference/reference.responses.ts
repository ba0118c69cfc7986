import { z } from 'zod';
import { count, day } from '../http/responses';

export const authority = z
  .strictObject({
    code: z.string().meta({ description: 'ONS GSS code, such as E08000025.' }),
    name: z.string(),
    kind: z.string(),
    validFrom: day,
    validTo: day.optional(),
  })
  .meta({ id: 'Authority' });

const criterionBase = { description: z.string(), minAuthorities: z.number().int().min(1).optional() };

export const cell = z
  .strictObject({
    slug: z.string(),
    name: z.string(),
    description: z.string(),
    status: z.enum(['standby', 'active', 'stood-down']),
    lead: z.string().optional(),
    decisionTimescaleMinutes: count,
    figures: z.array(
      z.strictObject({
        key: z.string(),
        label: z.string(),
        unit: z.string(),
        carriesForward: z.boolean(),
        aggregate: z.enum(['sum', 'min']).optional(),
      }),
    ),
    thresholds: z.array(
      z.strictObject({
        figure: z.string(),
        direction: z.enum(['lower-is-worse', 'higher-is-worse']),
        red: z.number(),
        amber: z.number(),
      }),
    ),
    sitrepCutoff: z.string().meta({ description: 'HH:MM, local time in the region: reports after it are stale.' }),
    activationCriteria: z.array(
      z.union([
        z.strictObject({ ...criterionBase, figure: z.string(), below: z.number() }),
        z.strictObject({ ...criterionBase, figure: z.string(), above: z.number() }),
        z.strictObject(criterionBase),
      ]),
    ),
  })
  .meta({ id: 'Cell' });
