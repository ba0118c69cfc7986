import { ChainHead, DayWindow, Escalation, LogEntry, Sitrep } from '@muster/domain';
import { FeedSource, SitrepReader } from '@muster/application';

/** In-memory ports for the feed handlers' unit tests; the SQL behind them is tested in the integration tier. */

const inWindow = (at: string, w: DayWindow) => Date.parse(at) >= w.start.getTime() && Date.parse(at) < w.end.getTime();

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
      if (cells.includes(e.cell) && Date.parse(e.recordedAt) < end.getTime())
        heads.set(e.cell, { sequence: e.sequence, hash: e.hash });
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
