import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { announceWeeklyBriefing, isoWeekDays, reportingDay } from '@muster/domain';
import { Clock } from '../../ports/clock';
import { DailyFeedStore } from '../../ports/feeds';
import { RegionSettings } from '../../ports/region-settings';
import { UnitOfWork } from '../../ports/transaction';
import { DailyFeedPublisher } from '../daily-feed-publisher';
import { PublishWeeklyBriefing, WeeklyBriefingPublished } from './publish-weekly-briefing.command';

@CommandHandler(PublishWeeklyBriefing)
export class PublishWeeklyBriefingHandler implements ICommandHandler<PublishWeeklyBriefing> {
  constructor(
    private readonly publisher: DailyFeedPublisher,
    private readonly feeds: DailyFeedStore,
    private readonly unitOfWork: UnitOfWork,
    private readonly region: RegionSettings,
    private readonly clock: Clock,
  ) {}

  async execute({ week }: PublishWeeklyBriefing): Promise<WeeklyBriefingPublished> {
    const days = isoWeekDays(week);
    const now = this.clock.now();
    const today = reportingDay(now, this.region.timeZone);
    const held = new Set((await this.feeds.latestOf(days)).map((f) => f.date));
    const generated: string[] = [];
    // Only whole days: today's feed is the 07:00 job's tomorrow.
    for (const day of days.filter((d) => d < today && !held.has(d))) {
      generated.push(await this.publisher.publish(day, 'system', now, (stored) => stored.date));
    }
    const { events } = announceWeeklyBriefing({ week, days, at: now });
    await this.unitOfWork.run((tx) => tx.journal.append(events, 'system'));
    return { week, generated };
  }
}
