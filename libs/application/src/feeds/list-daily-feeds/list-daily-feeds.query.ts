import { Query } from '@nestjs/cqrs';
import type { Principal } from '@muster/domain';
import type { DailyFeedSummary } from '../../ports/feeds';
import type { DailyFeedView } from '../daily-feed-view';

/** The published days, newest first, each by its latest version. */
export class ListDailyFeeds extends Query<DailyFeedSummary[]> {
  constructor(
    readonly principal: Principal,
    readonly limit: number,
  ) {
    super();
  }
}

/** The same days with their content filtered for the caller: what the Atom document is made of. */
export class GetRecentDailyFeeds extends Query<DailyFeedView[]> {
  constructor(
    readonly principal: Principal,
    readonly limit: number,
  ) {
    super();
  }
}
