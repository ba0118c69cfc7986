import { DailyFeedStore, DailyFeedSummary, DailyFeedWriter, StoredDailyFeed } from '@muster/application';
import { FakeTables, fakeWriterFor } from '../fake-store';

/** Every version of every daily feed generated, in memory; read as the feed store. */
export class FakeDailyFeeds extends DailyFeedStore implements FakeTables<DailyFeedWriter> {
  readonly rows: StoredDailyFeed[] = [];

  begin() {
    const draft = [...this.rows];
    const writer = new (class extends DailyFeedWriter {
      async lockDay(date: string): Promise<number> {
        return Math.max(0, ...draft.filter((r) => r.date === date).map((r) => r.version));
      }
      async insert(feed: StoredDailyFeed): Promise<void> {
        draft.push(feed);
      }
    })();
    return { writer, commit: () => void this.rows.splice(0, this.rows.length, ...draft) };
  }

  snapshot(): unknown {
    return this.rows;
  }

  async get(date: string, version?: number): Promise<StoredDailyFeed | undefined> {
    const versions = this.rows.filter((r) => r.date === date && (version === undefined || r.version === version));
    return versions.sort((a, b) => b.version - a.version)[0];
  }

  private latest(): StoredDailyFeed[] {
    const byDate = new Map<string, StoredDailyFeed>();
    for (const r of this.rows) if ((byDate.get(r.date)?.version ?? 0) < r.version) byDate.set(r.date, r);
    return [...byDate.values()].sort((a, b) => b.date.localeCompare(a.date));
  }

  async summaries(limit: number): Promise<DailyFeedSummary[]> {
    return this.latest()
      .slice(0, limit)
      .map(({ date, version, generatedAt }) => ({ date, version, generatedAt }));
  }

  async recent(limit: number): Promise<StoredDailyFeed[]> {
    return this.latest().slice(0, limit);
  }

  async latestOf(dates: readonly string[]): Promise<StoredDailyFeed[]> {
    return this.latest().filter((r) => dates.includes(r.date));
  }
}

export const fakeDailyFeeds = fakeWriterFor(DailyFeedWriter, () => new FakeDailyFeeds());
