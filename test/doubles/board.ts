import { type BoardItems, type BoardMoment, BoardSource } from '@muster/application';
import { type SensitiveReach, withinReach } from '@muster/domain';

export const emptyBoard = (): BoardItems => ({
  cells: new Map(),
  sitreps: [],
  escalations: [],
  requests: [],
  actions: [],
});

/** Serves fixed items and a fixed reach; records what it was asked for. */
export class RecordingBoard extends BoardSource {
  readonly positionCalls: Array<number | undefined> = [];
  readonly reaches: SensitiveReach[] = [];
  readonly itemCalls: Array<number | undefined> = [];
  readonly cellCalls: Array<string | undefined> = [];
  moments: BoardMoment[] = [];
  readonly momentCalls: Array<{ reach: SensitiveReach; limit: number; cell: string | undefined }> = [];
  constructor(
    public items_: BoardItems = emptyBoard(),
    public reached: { seq: number; at: string | undefined } = { seq: 0, at: undefined },
    /** The time of the event at each position, for `position(at)`. */
    public times: ReadonlyMap<number, string> = new Map(),
  ) {
    super();
  }
  async position(at: number | undefined, reach: SensitiveReach): Promise<{ seq: number; at: string | undefined }> {
    this.positionCalls.push(at);
    this.reaches.push(reach);
    if (at === undefined) return this.reached;
    const seq = Math.min(at, this.reached.seq);
    return { seq, at: this.times.get(seq) };
  }
  async items(at?: number, cell?: string): Promise<BoardItems> {
    this.itemCalls.push(at);
    this.cellCalls.push(cell);
    if (cell === undefined) return this.items_;
    const inCell = <T extends { cell?: string }>(items: T[]) => items.filter((item) => item.cell === cell);
    return {
      cells: new Map([...this.items_.cells].filter(([slug]) => slug === cell)),
      sitreps: inCell(this.items_.sitreps),
      escalations: inCell(this.items_.escalations),
      requests: inCell(this.items_.requests),
      actions: inCell(this.items_.actions),
    };
  }
  async decisionMoments(reach: SensitiveReach, limit: number, cell?: string): Promise<BoardMoment[]> {
    this.momentCalls.push({ reach, limit, cell });
    return this.moments
      .filter((m) => withinReach(reach, { ...m, authorities: [] }) && (cell === undefined || m.cell === cell))
      .slice(0, limit);
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
    return held?.items ?? emptyBoard();
  }
  async decisionMoments(): Promise<BoardMoment[]> {
    return [];
  }
}
