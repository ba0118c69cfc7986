import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { auditEntries } from '../../data-protection/audit-reads';
import { sensitiveFeedItems } from '../../data-protection/feed-audit';
import { AccessAudit } from '../../ports/data-protection';
import { DailyFeedStore, DailyFeedSummary } from '../../ports/feeds';
import type { DailyFeedView } from '../daily-feed-view';
import { assertMayReadFeeds, viewFor } from '../feed-access';
import { GetRecentDailyFeeds, ListDailyFeeds } from './list-daily-feeds.query';

@QueryHandler(ListDailyFeeds)
export class ListDailyFeedsHandler implements IQueryHandler<ListDailyFeeds> {
  constructor(private readonly feeds: DailyFeedStore) {}

  async execute({ principal, limit }: ListDailyFeeds): Promise<DailyFeedSummary[]> {
    assertMayReadFeeds(principal);
    return this.feeds.summaries(limit);
  }
}

@QueryHandler(GetRecentDailyFeeds)
export class GetRecentDailyFeedsHandler implements IQueryHandler<GetRecentDailyFeeds> {
  constructor(
    private readonly feeds: DailyFeedStore,
    private readonly audit: AccessAudit,
  ) {}

  async execute({ principal, limit }: GetRecentDailyFeeds): Promise<DailyFeedView[]> {
    assertMayReadFeeds(principal);
    const views = (await this.feeds.recent(limit)).map((stored) => viewFor(stored, principal));
    await auditEntries(this.audit, principal, sensitiveFeedItems(views));
    return views;
  }
}
