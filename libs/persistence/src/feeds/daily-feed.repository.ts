import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DailyFeedStore, DailyFeedSummary, StoredDailyFeed } from '@muster/application';
import type { DailyFeed } from '@muster/domain';

interface FeedRow {
  date: string;
  version: number;
  generated_at: Date;
  through_seq: string;
  content: DailyFeed;
}

const SUMMARY = `to_char(date, 'YYYY-MM-DD') AS date, version, generated_at`;
const FULL = `${SUMMARY}, through_seq, content`;

const toSummary = (row: Omit<FeedRow, 'through_seq' | 'content'>): DailyFeedSummary => ({
  date: row.date,
  version: row.version,
  generatedAt: row.generated_at.toISOString(),
});

const toStored = (row: FeedRow): StoredDailyFeed => ({
  ...toSummary(row),
  throughSeq: Number(row.through_seq),
  feed: row.content,
});

/** Published feeds: rows are immutable (a trigger refuses changes); a regeneration is a new version. */
@Injectable()
export class DailyFeedRepository extends DailyFeedStore {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async get(date: string, version?: number): Promise<StoredDailyFeed | undefined> {
    const rows: FeedRow[] =
      version === undefined
        ? await this.dataSource.query(
            `SELECT ${FULL} FROM daily_feed WHERE date = $1::date ORDER BY version DESC LIMIT 1`,
            [date],
          )
        : await this.dataSource.query(`SELECT ${FULL} FROM daily_feed WHERE date = $1::date AND version = $2`, [
            date,
            version,
          ]);
    return rows[0] === undefined ? undefined : toStored(rows[0]);
  }

  async summaries(limit: number): Promise<DailyFeedSummary[]> {
    const rows: FeedRow[] = await this.dataSource.query(
      `SELECT DISTINCT ON (date) ${SUMMARY} FROM daily_feed ORDER BY date DESC, version DESC LIMIT $1`,
      [limit],
    );
    return rows.map(toSummary);
  }

  async recent(limit: number): Promise<StoredDailyFeed[]> {
    const rows: FeedRow[] = await this.dataSource.query(
      `SELECT DISTINCT ON (date) ${FULL} FROM daily_feed ORDER BY date DESC, version DESC LIMIT $1`,
      [limit],
    );
    return rows.map(toStored);
  }

  async latestOf(dates: readonly string[]): Promise<StoredDailyFeed[]> {
    if (dates.length === 0) return [];
    const rows: FeedRow[] = await this.dataSource.query(
      `SELECT DISTINCT ON (date) ${FULL} FROM daily_feed WHERE date = ANY($1::date[]) ORDER BY date, version DESC`,
      [dates],
    );
    return rows.map(toStored);
  }
}
