import { z } from 'zod';

/** `YYYY-MM-DD`; the domain also refuses days that do not exist (2026-02-30). */
export const feedDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date such as 2026-11-22');
export const isoWeek = z.string().regex(/^\d{4}-W\d{2}$/, 'must be an ISO week such as 2026-W47');

export const dailyQuery = z.strictObject({ version: z.coerce.number().int().min(1).optional() });
export const listQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(366).default(30) });
