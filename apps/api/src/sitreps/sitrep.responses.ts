import { z } from 'zod';
import { RAGS } from '@muster/domain';
import { day, instant, recorder } from '../http/responses';

export const sitrep = z
  .strictObject({
    cell: z.string(),
    authority: z.string(),
    date: day,
    version: z
      .number()
      .int()
      .min(1)
      .meta({ description: '1 for the day’s first report, one more for each resubmission.' }),
    figures: z.record(z.string(), z.number()),
    narrative: z.string().optional(),
    rag: z.enum(RAGS).optional(),
    submittedBy: recorder,
    submittedAt: instant,
  })
  .meta({ id: 'Sitrep' });

export const submittedSitrep = z
  .strictObject({
    sitrep,
    activationRequestId: z
      .string()
      .optional()
      .meta({ description: 'The decision request opened because this report met the cell’s activation criteria.' }),
  })
  .meta({ id: 'SubmittedSitrep' });

export const daySitreps = z
  .strictObject({
    date: day,
    items: z.array(z.strictObject({ authority: z.string(), latest: sitrep, history: z.array(sitrep) })),
  })
  .meta({ id: 'DaySitreps' });
