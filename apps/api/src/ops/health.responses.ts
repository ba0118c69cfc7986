import { z } from 'zod';

export const liveness = z.strictObject({ status: z.literal('ok') }).meta({ id: 'Liveness' });

const check = z.union([
  z.strictObject({ status: z.literal('up') }),
  z.strictObject({ status: z.literal('down'), error: z.string() }),
]);

export const readinessReport = z
  .strictObject({
    status: z.enum(['ready', 'unavailable']),
    checks: z
      .record(z.string(), check)
      .meta({ description: 'Each dependency by name (`database`, `redis`): up, or down and why.' }),
  })
  .meta({ id: 'Readiness' });
