import type { DailyFeed } from '@muster/domain';

/** A daily feed as served: its content (filtered for the reader) with the version and journal position. */
export interface DailyFeedView extends DailyFeed {
  version: number;
  /** The last journal position before the end of the day; `GET /board?at=` with it shows that picture. */
  throughSeq: number;
}
