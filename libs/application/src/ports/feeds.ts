import { ChainHead, DayWindow, Escalation, LogEntry, PublishedDailyFeed } from '@muster/domain';

/** One immutable version of one reporting day's feed, as stored: the full content at every marking. */
export type StoredDailyFeed = PublishedDailyFeed;

export interface DailyFeedSummary {
  date: string;
  version: number;
  generatedAt: string;
}

/**
 * What a daily feed is built from, beyond sitreps, the board and reference data. Every read is bounded
 * by the day's window, by ids or by cell, and indexed: generating a feed costs the same on day 300 as on
 * day 1.
 */
export abstract class FeedSource {
  /** The region this deployment serves, as its reference data names it. */
  abstract region(): Promise<{ code: string; name: string }>;
  /** The highest journal position among events that occurred before `end`; 0 when there is none. */
  abstract lastPositionBefore(end: Date): Promise<number>;
  /** Escalations raised within the window. */
  abstract escalationsRaised(window: DayWindow): Promise<Escalation[]>;
  /** Ids of escalations the ladder acted on by itself within the window (climbed, or marked overdue). */
  abstract escalationsActedOnBySystem(window: DayWindow): Promise<string[]>;
  abstract escalationsById(ids: readonly string[]): Promise<Escalation[]>;
  /** Log entries (decisions and amendments) recorded within the window in these cells, oldest first. */
  abstract entriesRecorded(cells: readonly string[], window: DayWindow): Promise<LogEntry[]>;
  /** Each cell's last log entry recorded before `end`: the chain's head at that time. */
  abstract headsAt(cells: readonly string[], end: Date): Promise<Map<string, ChainHead>>;
}

/** Published daily feeds. */
export abstract class DailyFeedStore {
  /** The given version of a day's feed, or its latest when no version is given. */
  abstract get(date: string, version?: number): Promise<StoredDailyFeed | undefined>;
  /** The latest version of each published day, newest day first. */
  abstract summaries(limit: number): Promise<DailyFeedSummary[]>;
  /** The same with content, for the Atom document. */
  abstract recent(limit: number): Promise<StoredDailyFeed[]>;
  /** The latest version of each of these days that has one. */
  abstract latestOf(dates: readonly string[]): Promise<StoredDailyFeed[]>;
}
