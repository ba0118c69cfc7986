import { z } from 'zod';
import { MAX_RETAIN_DAYS } from '@muster/domain';
import { isoInstant, text } from '../http/schemas';

export const auditExportQuery = z.strictObject({
  from: isoInstant,
  /** Defaults to now: an export is always bounded, and the handler caps its span. */
  to: isoInstant.optional(),
  sub: text(200).optional(),
  format: z.enum(['jsonl', 'csv']).default('jsonl'),
});

/** Lower-case words and hyphens: an unknown type is then a 404 from the use case. */
export const recordType = z.string().regex(/^[a-z][a-z-]{0,62}$/, 'must be a record type such as sitrep');

export const retentionBody = z
  .strictObject({
    retainDays: z.number().int('must be a whole number of days').min(1).max(MAX_RETAIN_DAYS).nullable(),
    legalHold: z.boolean(),
    reason: text(2_000),
  })
  .meta({ id: 'RetentionChange' });
