import { FeedPublishedData } from '@muster/contracts';
import { DomainEvent } from '../shared/domain-event';

/**
 * A feed is a regional product at OFFICIAL: the event names it and carries no content, so it may go to
 * everyone on the `feed` topic while the sensitive parts stay behind the reader's filter.
 */
function published(data: FeedPublishedData): DomainEvent<FeedPublishedData> {
  return { type: 'feed.published', authorities: [], marking: 'OFFICIAL', data };
}

export function dailyFeedPublished(feed: { date: string; version: number; generatedAt: string }): DomainEvent<FeedPublishedData> {
  return published({ kind: 'daily', date: feed.date, version: feed.version, generatedAt: feed.generatedAt });
}

export function weeklyBriefingPublished(week: string, days: string[], generatedAt: Date): DomainEvent<FeedPublishedData> {
  return published({ kind: 'weekly', week, days: [...days], generatedAt: generatedAt.toISOString() });
}
