import { Command } from '@nestjs/cqrs';
import type { Principal } from '@muster/domain';
import type { DailyFeedView } from '../daily-feed-view';

export interface GenerateOptions {
  /**
   * Skip when a version generated at or after this instant exists, returning it: a scheduled job retried
   * after it committed does not publish the same morning twice.
   */
  unlessGeneratedSince?: Date;
}

/**
 * Generates a reporting day's feed as a new immutable version. A person gets it back filtered for them;
 * the system (the 07:00 job) gets the full content.
 */
export class GenerateDailyFeed extends Command<DailyFeedView> {
  constructor(
    readonly date: string,
    readonly requestedBy: Principal | 'system',
    readonly options: GenerateOptions = {},
  ) {
    super();
  }
}
