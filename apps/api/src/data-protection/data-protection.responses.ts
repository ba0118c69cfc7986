import { z } from 'zod';
import { RETENTION_RECORD_TYPES } from '@muster/domain';
import { actor, instant } from '../http/responses';

export const retentionPolicy = z
  .strictObject({
    recordType: z.enum(RETENTION_RECORD_TYPES),
    retainDays: z
      .number()
      .int()
      .min(1)
      .nullable()
      .meta({ description: 'Days a record is kept after it stops changing; null keeps it for good.' }),
    legalHold: z.boolean(),
    reason: z.string().nullable(),
    updatedBy: actor,
    updatedAt: instant,
    reasonWithheld: z
      .literal(true)
      .optional()
      .meta({ description: 'The hold’s reason is there but not for this reader (no clearance).' }),
  })
  .meta({ id: 'RetentionPolicy' });

export const retentionOverview = z
  .strictObject({
    items: z.array(retentionPolicy),
    keptForGood: z
      .array(z.string())
      .meta({ description: 'Records no setting can expire (the decision log, the journal).' }),
  })
  .meta({ id: 'RetentionOverview' });
