import type { StoredDailyFeed } from '../feeds';

/** Daily feeds inside a write transaction (`tx.get(DailyFeedWriter)`). */
export abstract class DailyFeedWriter {
  /** Serialises generation of one day until commit; returns the latest version held (0 for none). */
  abstract lockDay(date: string): Promise<number>;
  abstract insert(feed: StoredDailyFeed): Promise<void>;
}
