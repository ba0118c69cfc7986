import { Injectable } from '@nestjs/common';
import { buildDailyFeed, publishDailyFeed } from '@muster/domain';
import type { StoredDailyFeed } from '../ports/feeds';
import { RegionSettings } from '../ports/region-settings';
import { UnitOfWork } from '../ports/transaction';
import { DailyFeedInputs } from './daily-feed-input';
import { DailyFeedWriter } from '../ports/writers/daily-feed.writer';

/**
 * Builds a reporting day's feed and stores it as the day's next version, with its `feed.published` event
 * in the same transaction. Shared by the on-demand command and the weekly job; callers check access.
 */
@Injectable()
export class DailyFeedPublisher {
  constructor(
    private readonly inputs: DailyFeedInputs,
    private readonly region: RegionSettings,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  /** `actor` is the journal's actor: the requester's subject, or `system`. `present` shapes the result inside the transaction. */
  async publish<T>(date: string, actor: string, now: Date, present: (stored: StoredDailyFeed) => T): Promise<T> {
    const { input, throughSeq } = await this.inputs.gather(date, this.region.timeZone, now);
    const feed = buildDailyFeed(input);
    return this.unitOfWork.run(async (tx) => {
      const { state: stored, events } = publishDailyFeed(
        { feed, throughSeq },
        await tx.get(DailyFeedWriter).lockDay(date),
      );
      await tx.get(DailyFeedWriter).insert(stored);
      await tx.journal.append(events, actor);
      // Returned from inside the unit of work so that an idempotency record stores what the caller saw.
      return present(stored);
    });
  }
}
