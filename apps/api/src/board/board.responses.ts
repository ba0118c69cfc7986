import { z } from 'zod';
import { RAGS } from '@muster/domain';
import { count, day, instant, markingOf } from '../http/responses';

const rag = z.enum(RAGS).nullable();

export const board = z
  .strictObject({
    asOf: z
      .strictObject({ seq: count, at: instant.nullable() })
      .meta({ description: 'The journal position (and its time) this picture reflects: `at` for `GET /board?at=`.' }),
    date: day,
    cells: z.array(
      z.strictObject({
        slug: z.string(),
        name: z.string(),
        status: z.enum(['standby', 'active', 'stood-down']),
        rag,
        figures: z.array(z.strictObject({ key: z.string(), label: z.string(), unit: z.string() })).meta({
          description: 'The figures the cell collects, in its order: what the keys of each authority’s `figures` mean.',
        }),
        authorities: z.array(
          z.strictObject({
            code: z.string(),
            name: z.string(),
            rag,
            stale: z.boolean(),
            reportedFor: day
              .nullable()
              .meta({ description: 'The reporting day the figures were last reported for; null if never.' }),
            figures: z.record(z.string(), z.number()),
            carried: z.array(z.string()).meta({ description: 'Figures carried forward from an earlier report.' }),
          }),
        ),
        actions: z
          .strictObject({ open: count, done: count, overdue: count })
          .meta({ description: 'The cell’s actions the reader may see, by status (dropped ones are not counted).' }),
      }),
    ),
    escalations: z.array(
      z.strictObject({
        id: z.string(),
        title: z.string(),
        severity: z.string(),
        level: z.string(),
        status: z.string(),
        overdue: z.boolean(),
        ackDueAt: instant.nullable(),
        cell: z.string().optional(),
        authority: z.string().optional(),
        marking: markingOf,
      }),
    ),
    decisionRequests: z.array(
      z.strictObject({
        id: z.string(),
        question: z.string(),
        dueAt: instant,
        status: z.string(),
        cell: z.string().optional(),
        authority: z.string().optional(),
        escalationId: z.string().optional(),
        marking: markingOf,
      }),
    ),
  })
  .meta({ id: 'Board' });
