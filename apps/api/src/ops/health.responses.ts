import { z } from 'zod';

export const liveness = z.strictObject({ status: z.literal('ok') }).meta({ id: 'Liveness' });

const check = z.union([z.strictObject({ status: z.literal('up') }), z.strictObject({ status: z.literal('down'), error: z.string() })]);

export const readiness = z
  .strictObject({ status: z.enum(['ready', 'unavailable']), checks: z.strictObject({ database: check, redis: check }) })
  .meta({ id: 'Readiness' });
