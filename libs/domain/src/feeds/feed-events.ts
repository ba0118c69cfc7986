import { FeedPublishedData } from '@muster/contracts';
import { decided, Decided } from '../shared/decided';
import { DomainEvent } from '../shared/domain-event';
import type { DailyFeed } from './daily-feed';

/**
 * A feed is a regional product at OFFICIAL: the event names it and carries no content, so it may go to
 * everyone on the `feed` topic while the sensitive parts stay behind the reader's filter.
 */
function published(data: FeedPublishedData): DomainEvent<FeedPublishedData> {
  return { type: 'feed.published', authorities: [], marking: 'OFFICIAL', data };
}

export function dailyFeedPublished(feed: {
  date: string;
  version: number;
  generatedAt: string;
}): DomainEvent<FeedPublishedData> {
  return published({ kind: 'daily', date: feed.date, version: feed.version, generatedAt: feed.generatedAt });
}

export function weeklyBriefingPublished(
  week: string,
  days: string[],
  generatedAt: Date,
): DomainEvent<FeedPublishedData> {
  return published({ kind: 'weekly', week, days: [...days], generatedAt: generatedAt.toISOString() });
}

/** A day's feed as published: its version, the journal position it was built from, and the feed. */
export interface PublishedDailyFeed {
  date: string;
  version: number;
  generatedAt: string;
  /** The last journal position before the end of the day: the picture the feed was built from. */
  throughSeq: number;
  feed: DailyFeed;
}

export interface PublishDailyFeedCommand {
  feed: DailyFeed;
  throughSeq: number;
}

/**
 * Publishes a day's feed as the day's next version after `latestVersion` (0 for none): publishing again
 * adds a version, it never changes one already read.
 */
export function publishDailyFeed(
  { feed, throughSeq }: PublishDailyFeedCommand,
  latestVersion: number,
): Decided<PublishedDailyFeed> {
  const published: PublishedDailyFeed = {
    date: feed.date,
    version: latestVersion + 1,
    generatedAt: feed.generatedAt,
    throughSeq,
    feed,
  };
  return decided(published, dailyFeedPublished(published));
}

export interface AnnounceWeeklyBriefingCommand {
  week: string;
  days: string[];
  at: Date;
}

/** The weekly briefing is read from its days' feeds: announcing it only tells the `feed` topic. Nothing precedes it. */
export function announceWeeklyBriefing({
  week,
  days,
  at,
}: AnnounceWeeklyBriefingCommand): Decided<{ week: string; days: string[] }> {
  return decided({ week, days: [...days] }, weeklyBriefingPublished(week, days, at));
}
