import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { forReader, isoWeekDays, notFound, rollUpWeek, WeeklyBriefing } from '@muster/domain';
import { DailyFeedStore } from '../../ports/feeds';
import { assertMayReadFeeds, readerFilter } from '../feed-access';
import { GetWeeklyBriefing } from './get-weekly-briefing.query';

@QueryHandler(GetWeeklyBriefing)
export class GetWeeklyBriefingHandler implements IQueryHandler<GetWeeklyBriefing> {
  constructor(private readonly feeds: DailyFeedStore) {}

  /** Rolled up from filtered dailies, so the briefing shows a reader nothing their daily feeds would not. */
  async execute({ principal, week }: GetWeeklyBriefing): Promise<WeeklyBriefing> {
    assertMayReadFeeds(principal);
    const days = isoWeekDays(week);
    const stored = await this.feeds.latestOf(days);
    if (stored.length === 0) throw notFound(`a daily feed for any day of ${week}`);
    const filter = readerFilter(principal);
    return rollUpWeek(week, stored.map((s) => forReader(s.feed, filter)));
  }
}
