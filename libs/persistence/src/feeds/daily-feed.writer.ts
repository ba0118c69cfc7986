import { EntityManager } from 'typeorm';
import { DailyFeedWriter, StoredDailyFeed } from '@muster/application';
import { writerFor } from '../transaction-writers';

/** Two generations of one day at once would both pick the same next version: one waits for the other. */
const FEED_LOCK_CLASS = 0x66656564; // 'feed'

export class TransactionalDailyFeedWriter extends DailyFeedWriter {
  constructor(private readonly manager: EntityManager) {
    super();
  }

  async lockDay(date: string): Promise<number> {
    await this.manager.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [FEED_LOCK_CLASS, date]);
    const rows: Array<{ version: number }> = await this.manager.query(
      `SELECT coalesce(max(version), 0) AS version FROM daily_feed WHERE date = $1::date`,
      [date],
    );
    return rows[0]?.version ?? 0;
  }

  async insert(feed: StoredDailyFeed): Promise<void> {
    await this.manager.query(
      `INSERT INTO daily_feed (date, version, generated_at, through_seq, content) VALUES ($1::date, $2, $3, $4, $5)`,
      [feed.date, feed.version, feed.generatedAt, feed.throughSeq, JSON.stringify(feed.feed)],
    );
  }
}

export const dailyFeedWriter = writerFor(DailyFeedWriter, (manager) => new TransactionalDailyFeedWriter(manager));
