import {
  can,
  canSee,
  DomainError,
  FeedItemFilter,
  forbidden,
  forReader,
  isCalendarDate,
  Principal,
} from '@muster/domain';
import type { StoredDailyFeed } from '../ports/feeds';
import type { DailyFeedView } from './daily-feed-view';

/** Mayor's office, regional coordinators, administrators and cell leads read the feeds (contract). */
export function assertMayReadFeeds(principal: Principal): void {
  if (!can(principal, 'feed.read')) {
    throw forbidden(
      'the situation feeds are for the mayor’s office, regional coordinators, administrators and cell leads',
    );
  }
}

export function readerFilter(principal: Principal): FeedItemFilter {
  return (item) => canSee(principal, item);
}

/** A stored feed as one reader may see it; the system (the scheduled job) gets the full content. */
export function viewFor(stored: StoredDailyFeed, reader: Principal | 'system'): DailyFeedView {
  const feed = reader === 'system' ? stored.feed : forReader(stored.feed, readerFilter(reader));
  return { ...feed, version: stored.version, throughSeq: stored.throughSeq };
}

/** A reporting day must exist (no 2026-02-30) before it reaches a query: 400, not a database error. */
export function assertReportingDate(date: string): void {
  if (isCalendarDate(date)) return;
  const message = 'must be a calendar day written YYYY-MM-DD';
  throw new DomainError('validation-failed', `date ${message}`, [{ path: 'date', message }]);
}
