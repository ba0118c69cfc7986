import { z } from 'zod';
import { INT4_MAX, queryInteger } from '../http/schemas';

/** A feed's version is an `integer` column. */
export const dailyQuery = z.strictObject({ version: queryInteger(1, INT4_MAX).optional() });
export const listQuery = z.strictObject({ limit: queryInteger(1, 366).default(30) });
