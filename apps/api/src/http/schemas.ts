import { z } from 'zod';
import { MARKINGS } from '@muster/contracts';

/** A UTF-16 surrogate without its pair: not a Unicode character, and PostgreSQL (text or jsonb) cannot hold it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Free text as PostgreSQL can store it: any Unicode except NUL (and no lone surrogates, which are not
 * Unicode), trimmed of nothing (text round-trips exactly), bounded so one field cannot fill a page.
 */
export const text = (max: number) =>
  z
    .string()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine((value) => !value.includes('\u0000'), 'must not contain NUL characters')
    .refine((value) => !LONE_SURROGATE.test(value), 'must be well-formed Unicode (no lone surrogates)');

export const isoInstant = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time with a time zone' });
export const marking = z.enum(MARKINGS);
export const gssCode = z.string().regex(/^[EWSN]\d{8}$/, 'must be a GSS code such as E08000025');
export const cellSlug = z.string().regex(/^[a-z][a-z0-9-]{0,62}$/, 'must be a cell slug such as ppe');
export const uuid = z.uuid({ message: 'must be a UUID' });
