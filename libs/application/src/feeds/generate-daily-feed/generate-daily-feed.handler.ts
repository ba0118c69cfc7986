import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { can, forbidden, reportingDay, ruleViolated } from '@muster/domain';
import { auditEntries } from '../../data-protection/audit-reads';
import { sensitiveFeedItems } from '../../data-protection/feed-audit';
import { Clock } from '../../ports/clock';
import { AccessAudit } from '../../ports/data-protection';
import { DailyFeedStore } from '../../ports/feeds';
import { RegionSettings } from '../../ports/region-settings';
import { DailyFeedPublisher } from '../daily-feed-publisher';
import type { DailyFeedView } from '../daily-feed-view';
import { assertReportingDate, viewFor } from '../feed-access';
import { GenerateDailyFeed } from './generate-daily-feed.command';

@CommandHandler(GenerateDailyFeed)
export class GenerateDailyFeedHandler implements ICommandHandler<GenerateDailyFeed> {
  constructor(
    private readonly publisher: DailyFeedPublisher,
    private readonly feeds: DailyFeedStore,
    private readonly region: RegionSettings,
    private readonly clock: Clock,
    private readonly audit: AccessAudit,
  ) {}

  async execute({ date, requestedBy, options }: GenerateDailyFeed): Promise<DailyFeedView> {
    if (requestedBy !== 'system' && !can(requestedBy, 'feed.generate')) {
      throw forbidden('only regional coordinators and administrators generate the daily feed');
    }
    assertReportingDate(date);
    const now = this.clock.now();
    // Today's feed is the day so far; a day that has not begun has nothing to report.
    if (date > reportingDay(now, this.region.timeZone))
      throw ruleViolated('date', 'is in the future: a feed reports a day that has begun');
    const since = options.unlessGeneratedSince;
    if (since !== undefined) {
      const held = await this.feeds.get(date);
      if (held !== undefined && Date.parse(held.generatedAt) >= since.getTime()) return viewFor(held, requestedBy);
    }
    if (requestedBy === 'system')
      return this.publisher.publish(date, 'system', now, (stored) => viewFor(stored, 'system'));
    const view = await this.publisher.publish(date, requestedBy.sub, now, (stored) => viewFor(stored, requestedBy));
    // A person is shown the feed like a reader of GET /feeds/daily/:date, and is on record like one.
    await auditEntries(this.audit, requestedBy, sensitiveFeedItems([view]));
    return view;
  }
}
