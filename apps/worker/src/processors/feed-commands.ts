import { GenerateDailyFeed, PublishWeeklyBriefing } from '@muster/application';
import { addDays, isoWeekOf, previousDay, reportingDay } from '@muster/domain';
import type { FeedJob } from '@muster/messaging';

/** A scheduled run: when it was due (not when a worker got to it) decides which day or week it covers. */
export interface FeedRun {
  scheduledAt: Date;
  timeZone: string;
}

/**
 * The command each scheduled feed job runs. The daily run publishes the day before its own reporting
 * day, once (a retry after it committed returns what it published); the weekly run covers the ISO week
 * before, making up any day the daily run missed.
 */
export const FEED_COMMANDS = {
  daily: ({ scheduledAt, timeZone }: FeedRun) =>
    new GenerateDailyFeed(previousDay(reportingDay(scheduledAt, timeZone)), 'system', {
      unlessGeneratedSince: scheduledAt,
    }),
  weekly: ({ scheduledAt, timeZone }: FeedRun) =>
    new PublishWeeklyBriefing(isoWeekOf(addDays(reportingDay(scheduledAt, timeZone), -7))),
} satisfies { [K in FeedJob['kind']]: (run: FeedRun) => GenerateDailyFeed | PublishWeeklyBriefing };
