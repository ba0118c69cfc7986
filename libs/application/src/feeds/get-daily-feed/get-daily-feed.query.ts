import { Query } from '@nestjs/cqrs';
import type { Principal } from '@muster/domain';
import type { DailyFeedView } from '../daily-feed-view';

/** A day's feed as the caller may see it: the latest version, or the one asked for. */
export class GetDailyFeed extends Query<DailyFeedView> {
  constructor(
    readonly principal: Principal,
    readonly date: string,
    readonly version?: number,
  ) {
    super();
  }
}
