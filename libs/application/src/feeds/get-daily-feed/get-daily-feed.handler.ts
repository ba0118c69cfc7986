import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { notFound } from '@muster/domain';
import { auditEntries } from '../../data-protection/audit-reads';
import { sensitiveFeedItems } from '../../data-protection/feed-audit';
import { AccessAudit } from '../../ports/data-protection';
import { DailyFeedStore } from '../../ports/feeds';
import type { DailyFeedView } from '../daily-feed-view';
import { assertMayReadFeeds, assertReportingDate, viewFor } from '../feed-access';
import { GetDailyFeed } from './get-daily-feed.query';

@QueryHandler(GetDailyFeed)
export class GetDailyFeedHandler implements IQueryHandler<GetDailyFeed> {
  constructor(
    private readonly feeds: DailyFeedStore,
    private readonly audit: AccessAudit,
  ) {}

  async execute({ principal, date, version }: GetDailyFeed): Promise<DailyFeedView> {
    assertMayReadFeeds(principal);
    assertReportingDate(date);
    const stored = await this.feeds.get(date, version);
    if (stored === undefined)
      throw notFound(
        version === undefined ? `the daily feed for ${date}` : `version ${version} of the daily feed for ${date}`,
      );
    const view = viewFor(stored, principal);
    await auditEntries(this.audit, principal, sensitiveFeedItems([view]));
    return view;
  }
}
