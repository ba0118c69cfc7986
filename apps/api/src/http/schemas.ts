import { z } from 'zod';
import { MARKINGS } from '@muster/contracts';
import { isCalendarDate, isIsoWeek } from '@muster/domain';

/*
 * Shared edge schemas. Each accepts only what its column can hold, so nothing a client sends reaches
 * PostgreSQL to be refused there (a refusal inside a group commit would fail its neighbours too).
 */

/** A UTF-16 surrogate without its pair: not a Unicode character, and PostgreSQL (text or jsonb) cannot hold it. */
export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

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

/** PostgreSQL's `integer`, the type of sequences and versions. */
export const INT4_MAX = 2_147_483_647;

/**
 * A whole number in a query string, written in digits, within [min, max] (max at most 2^53 - 1, where
 * numbers stop being exact). Stricter than Number(): '', ' 7', '1e3', '0x10' and '1.0' are refused.
 */
export const queryInteger = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,20}$/, `must be a whole number from ${min} to ${max}, written in digits`)
    .meta({ description: `a whole number from ${min} to ${max}, written in digits` })
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

/** Years 1 to 9999: what PostgreSQL's date and timestamptz accept and a four-digit ISO string can write. */
const FIRST_INSTANT = Date.parse('0001-01-01T00:00:00.000Z');
const END_INSTANT = Date.parse('9999-12-31T23:59:59.999Z');

/** An instant with its offset, which once in UTC still falls in years 1 to 9999. */
export const isoInstant = z.iso
  .datetime({ offset: true, error: 'must be an ISO 8601 date-time with a time zone' })
  .refine((value) => {
    const at = Date.parse(value);
    return at >= FIRST_INSTANT && at <= END_INSTANT;
  }, 'must fall between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z');

/** A calendar day written YYYY-MM-DD, from 0001-01-01 to 9999-12-31. */
export const calendarDate = z.iso
  .date({ error: 'must be a date such as 2026-11-22' })
  .refine(isCalendarDate, 'must be a day from 0001-01-01 to 9999-12-31');

/** An ISO week that exists (53 only in long years) and lies wholly within years 1 to 9999 (so not 9999-W52). */
export const isoWeek = z
  .string()
  .regex(/^\d{4}-W\d{2}$/, 'must be an ISO week such as 2026-W47')
  .refine(isIsoWeek, 'must be a week of its year, from 0001-W01 to 9999-W51');

export const marking = z.enum(MARKINGS);
export const gssCode = z.string().regex(/^[EWSN]\d{8}$/, 'must be a GSS code such as E08000025');
export const cellSlug = z.string().regex(/^[a-z][a-z0-9-]{0,62}$/, 'must be a cell slug such as ppe');
export const uuid = z.uuid({ error: 'must be a UUID' });
