import { z } from 'zod';
import { ESCALATION_STATUSES, LEVELS, RAGS } from '@muster/domain';
import { count, day, instant, markingOf } from '../http/responses';

const rag = z.enum(RAGS).nullable();
const cellStatus = z.enum(['standby', 'active', 'stood-down']);

const feedDecision = z
  .strictObject({
    id: z.string(),
    title: z.string(),
    recordedAt: instant,
    sequence: z.number().int().min(1),
    marking: markingOf,
    authorities: z.array(z.string()),
  })
  .meta({ id: 'FeedDecision' });

export const dailyFeed = z
  .strictObject({
    date: day,
    region: z.strictObject({ code: z.string(), name: z.string() }),
    generatedAt: instant,
    version: z.number().int().min(1),
    throughSeq: count.meta({
      description: 'The last journal position of the day: `GET /board?at=` with it shows that picture.',
    }),
    cells: z.array(
      z.strictObject({
        slug: z.string(),
        name: z.string(),
        status: cellStatus,
        rag,
        totals: z.array(
          z.strictObject({
            key: z.string(),
            label: z.string(),
            unit: z.string(),
            aggregate: z.enum(['sum', 'min']),
            value: z
              .number()
              .nullable()
              .meta({ description: 'Over the authorities with a value; null when none has one.' }),
            previous: z.number().nullable(),
            change: z.number().nullable(),
          }),
        ),
        authorities: z.array(z.strictObject({ code: z.string(), name: z.string(), rag, stale: z.boolean() })),
        stale: z.array(z.string()).meta({ description: 'Authorities that had not reported by the cut-off.' }),
        escalations: z.strictObject({
          opened: count,
          open: count,
          breached: count,
          items: z.array(
            z.strictObject({
              id: z.string(),
              title: z.string(),
              level: z.enum(LEVELS),
              status: z.enum(ESCALATION_STATUSES),
              overdue: z.boolean(),
              raisedAt: instant,
              marking: markingOf,
              authority: z.string().optional(),
              openedToday: z.boolean(),
              openAtEnd: z.boolean(),
              breached: z.boolean(),
            }),
          ),
        }),
        decisions: z.array(feedDecision),
        actions: z
          .strictObject({
            open: count,
            done: count,
            overdue: count,
            items: z.array(
              z.strictObject({
                id: z.string(),
                status: z.enum(['open', 'done', 'dropped', 'overdue']),
                marking: markingOf,
                authorities: z.array(z.string()),
              }),
            ),
          })
          .optional()
          .meta({
            description:
              'The cell’s actions at the end of the day, as the reader may see them (dropped ones are listed, not counted); absent from feeds published before actions were tracked.',
          }),
        head: z.strictObject({ sequence: z.number().int().nullable(), hash: z.string() }).meta({
          description:
            'The decision log’s head at the end of the day; `sequence` is null for a reader who may not see every entry.',
        }),
      }),
    ),
  })
  .meta({ id: 'DailyFeed' });

export const dailyFeedList = z
  .strictObject({
    items: z.array(
      z.strictObject({
        date: day,
        version: z.number().int().min(1),
        generatedAt: instant,
        href: z.string().meta({ description: 'The feed’s path.' }),
      }),
    ),
  })
  .meta({ id: 'DailyFeedList' });

export const weeklyBriefing = z
  .strictObject({
    week: z.string().meta({ description: 'ISO week, such as 2026-W47.' }),
    days: z.array(day),
    cells: z.array(
      z.strictObject({
        slug: z.string(),
        name: z.string(),
        status: cellStatus,
        figures: z.array(
          z.strictObject({
            key: z.string(),
            label: z.string(),
            unit: z.string(),
            series: z.array(z.number().nullable()).meta({ description: 'Daily regional totals, Monday to Sunday.' }),
            trend: z.enum(['up', 'down', 'flat']).nullable(),
          }),
        ),
        rags: z.array(rag),
        ragChanges: z.array(z.strictObject({ date: day, from: rag, to: rag })),
        escalations: z.strictObject({ opened: count, breached: count, openAtEnd: count.nullable() }),
        decisions: z.array(feedDecision),
        actions: z.strictObject({ open: count, done: count, overdue: count }).nullable().meta({
          description: 'The cell’s actions as the week’s last feed left them; null when no feed counted them.',
        }),
      }),
    ),
  })
  .meta({ id: 'WeeklyBriefing' });
