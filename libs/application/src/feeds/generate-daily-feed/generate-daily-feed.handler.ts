import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { can, forbidden, reportingDay, ruleViolated } from '@muster/domain';
import { Clock } from '../../ports/clock';
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
  ) {}

  async execute({ date, requestedBy, options }: GenerateDailyFeed): Promise<DailyFeedView> {
    if (requestedBy !== 'system' && !can(requestedBy, 'feed.generate')) {
      throw forbidden('only regional coordinators and administrators generate the daily feed');
    }
    assertReportingDate(date);
    const now = this.clock.now();
    // Today's feed is the day so far; a day that has not begun has nothing to report.
    if (date > reportingDay(now, this.region.timeZone)) throw ruleViolated('date', 'is in the future: a feed reports a day that has begun');
    const since = options.unlessGeneratedSince;
    if (since !== undefined) {
      const held = await this.feeds.get(date);
      if (held !== undefined && Date.parse(held.generatedAt) >= since.getTime()) return viewFor(held, requestedBy);
    }
    const actor = requestedBy === 'system' ? 'system' : requestedBy.sub;
    return this.publisher.publish(date, actor, now, (stored) => viewFor(stored, requestedBy));
  }
}
