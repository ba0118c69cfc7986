import { Command } from '@nestjs/cqrs';

export interface WeeklyBriefingPublished {
  week: string;
  /** The days whose daily feed was missing and has now been generated. */
  generated: string[];
}

/**
 * The Monday job: makes sure every past day of the week has a daily feed (a missed 07:00 run is made up
 * here), then announces the briefing with `feed.published`. The briefing itself is rolled up on read.
 */
export class PublishWeeklyBriefing extends Command<WeeklyBriefingPublished> {
  constructor(readonly week: string) {
    super();
  }
}
