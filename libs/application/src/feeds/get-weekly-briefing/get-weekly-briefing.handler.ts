import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { forReader, isoWeekDays, notFound, rollUpWeek, sensitiveAccess, WeeklyBriefing } from '@muster/domain';
import { auditEntries } from '../../data-protection/audit-reads';
import { AccessAudit } from '../../ports/data-protection';
import { DailyFeedStore } from '../../ports/feeds';
import { assertMayReadFeeds, readerFilter } from '../feed-access';
import { GetWeeklyBriefing } from './get-weekly-briefing.query';

@QueryHandler(GetWeeklyBriefing)
export class GetWeeklyBriefingHandler implements IQueryHandler<GetWeeklyBriefing> {
  constructor(
    private readonly feeds: DailyFeedStore,
    private readonly audit: AccessAudit,
  ) {}

  /** Rolled up from filtered dailies, so the briefing shows a reader nothing their daily feeds would not. */
  async execute({ principal, week }: GetWeeklyBriefing): Promise<WeeklyBriefing> {
    assertMayReadFeeds(principal);
    const days = isoWeekDays(week);
    const stored = await this.feeds.latestOf(days);
    if (stored.length === 0) throw notFound(`a daily feed for any day of ${week}`);
    const filter = readerFilter(principal);
    const briefing = rollUpWeek(
      week,
      stored.map((s) => forReader(s.feed, filter)),
    );
    // Only decisions are listed item by item; escalations appear as counts.
    const decisions = briefing.cells.flatMap((cell) => cell.decisions.map((d) => ({ ...d, cell: cell.slug })));
    await auditEntries(this.audit, principal, sensitiveAccess('feed.read', 'decision', decisions));
    return briefing;
  }
}
