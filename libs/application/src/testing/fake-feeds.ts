import { ChainHead, DayWindow, Escalation, LogEntry, Sitrep } from '@muster/domain';
import { BoardItems, BoardMoment, BoardSource } from '../ports/board';
import { DailyFeedStore, DailyFeedSummary, FeedSource, StoredDailyFeed } from '../ports/feeds';
import { SitrepReader } from '../ports/readers';
import { DailyFeedWriter } from '../ports/transaction';

/** In-memory ports for the feed handlers' unit tests; the SQL behind them is tested in the integration tier. */

const inWindow = (at: string, w: DayWindow) => Date.parse(at) >= w.start.getTime() && Date.parse(at) < w.end.getTime();

export class FakeDailyFeeds extends DailyFeedStore {
  readonly rows: StoredDailyFeed[] = [];

  writer(pending: Array<() => void>): DailyFeedWriter {
    return {
      lockDay: async (date) => Math.max(0, ...this.rows.filter((r) => r.date === date).map((r) => r.version)),
      insert: async (feed) => void pending.push(() => this.rows.push(feed)),
    };
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

export class FakeFeedSource extends FeedSource {
  identity = { code: 'E47000007', name: 'West Midlands Combined Authority' };
  /** Journal positions by the time their event occurred. */
  positions: Array<{ seq: number; at: string }> = [];
  escalations: Escalation[] = [];
  /** Ids the journal shows the ladder acting on, with when. */
  systemSteps: Array<{ id: string; at: string }> = [];
  entries: LogEntry[] = [];
  /** Every call, so a test can see the reads are bounded by the day. */
  readonly calls: string[] = [];

  async region() {
    return this.identity;
  }
  async lastPositionBefore(end: Date): Promise<number> {
    this.calls.push('lastPositionBefore');
    return Math.max(0, ...this.positions.filter((p) => Date.parse(p.at) < end.getTime()).map((p) => p.seq));
  }
  async escalationsRaised(window: DayWindow): Promise<Escalation[]> {
    this.calls.push('escalationsRaised');
    return this.escalations.filter((e) => inWindow(e.raisedAt, window));
  }
  async escalationsActedOnBySystem(window: DayWindow): Promise<string[]> {
    this.calls.push('escalationsActedOnBySystem');
    return this.systemSteps.filter((s) => inWindow(s.at, window)).map((s) => s.id);
  }
  async escalationsById(ids: readonly string[]): Promise<Escalation[]> {
    this.calls.push('escalationsById');
    return this.escalations.filter((e) => ids.includes(e.id));
  }
  async entriesRecorded(cells: readonly string[], window: DayWindow): Promise<LogEntry[]> {
    this.calls.push('entriesRecorded');
    return this.entries.filter((e) => cells.includes(e.cell) && inWindow(e.recordedAt, window));
  }
  async headsAt(cells: readonly string[], end: Date): Promise<Map<string, ChainHead>> {
    this.calls.push('headsAt');
    const heads = new Map<string, ChainHead>();
    for (const e of this.entries) {
      if (cells.includes(e.cell) && Date.parse(e.recordedAt) < end.getTime()) heads.set(e.cell, { sequence: e.sequence, hash: e.hash });
    }
    return heads;
  }
}

export class FakeSitreps extends SitrepReader {
  sitreps: Sitrep[] = [];
  readonly windows: Array<{ cell: string; from: string; through: string }> = [];

  async forDate(cell: string, date: string): Promise<Sitrep[]> {
    return this.sitreps.filter((s) => s.cell === cell && s.date === date);
  }
  async window(cell: string, from: string, through: string): Promise<Sitrep[]> {
    this.windows.push({ cell, from, through });
    const latest = new Map<string, Sitrep>();
    for (const s of this.sitreps) {
      if (s.cell !== cell || s.date < from || s.date > through) continue;
      const key = `${s.authority}/${s.date}`;
      if ((latest.get(key)?.version ?? 0) < s.version) latest.set(key, s);
    }
    return [...latest.values()];
  }
}

/** The board as it stood at given positions: the latest snapshot at or before the position asked for. */
export class FakeBoard extends BoardSource {
  snapshots: Array<{ seq: number; items: BoardItems }> = [];
  reached = Number.MAX_SAFE_INTEGER;

  async position(at: number | undefined): Promise<{ seq: number; at: string | undefined }> {
    return { seq: Math.min(at ?? this.reached, this.reached), at: undefined };
  }
  async items(at?: number): Promise<BoardItems> {
    const held = this.snapshots.filter((s) => at === undefined || s.seq <= at).sort((a, b) => b.seq - a.seq)[0];
    return held?.items ?? { cells: new Map(), sitreps: [], escalations: [], requests: [] };
  }

  async decisionMoments(): Promise<BoardMoment[]> {
    return [];
  }
}
