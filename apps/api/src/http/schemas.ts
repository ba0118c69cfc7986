import { z } from 'zod';
import { MARKINGS } from '@muster/contracts';

/**
 * Free text as PostgreSQL can store it: any Unicode except NUL, trimmed of nothing (text
 * round-trips exactly), bounded so one field cannot fill a page.
 */
export const text = (max: number) =>
  z
    .string()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine((value) => !value.includes('\u0000'), 'must not contain NUL characters');

export const isoInstant = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time with a time zone' });
export const marking = z.enum(MARKINGS);
export const gssCode = z.string().regex(/^[EWSN]\d{8}$/, 'must be a GSS code such as E08000025');
export const cellSlug = z.string().regex(/^[a-z][a-z0-9-]{0,62}$/, 'must be a cell slug such as ppe');
export const uuid = z.uuid({ message: 'must be a UUID' });
