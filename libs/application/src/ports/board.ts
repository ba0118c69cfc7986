import type { Marking } from '@muster/contracts';
import type { CellStatus, Rag, SensitiveReach } from '@muster/domain';

/** What the board projection keeps per kind of item; each version is valid over a range of positions. */
export interface BoardSitrepItem {
  cell: string;
  authority: string;
  /** The reporting day of the latest report (the one these figures are for). */
  date: string;
  version: number;
  /** Effective figures for `date`: reported, plus those carried forward. */
  figures: Record<string, number>;
  carried: string[];
  /** Effective figures before `date`'s first report, so a same-day resubmission recomputes from them. */
  base: Record<string, number>;
  rag?: Rag;
}

export interface BoardEscalationItem {
  id: string;
  title: string;
  severity: string;
  level: string;
  status: string;
  overdue: boolean;
  ackDueAt: string | null;
  cell?: string;
  authority?: string;
  marking: Marking;
}

export interface BoardRequestItem {
  id: string;
  question: string;
  dueAt: string;
  status: string;
  cell?: string;
  authority?: string;
  escalationId?: string;
  marking: Marking;
}

/** An action of a logged decision as the board counts it: its status, and who may count it. */
export interface BoardActionItem {
  id: string;
  cell: string;
  status: 'open' | 'done' | 'dropped' | 'overdue';
  marking: Marking;
  authorities: string[];
}

export interface BoardCellItem {
  status: CellStatus;
}

export type BoardItemKind = 'cell' | 'sitrep' | 'escalation' | 'request' | 'action';

export interface BoardItems {
  cells: Map<string, BoardCellItem>;
  sitreps: BoardSitrepItem[];
  escalations: BoardEscalationItem[];
  requests: BoardRequestItem[];
  actions: BoardActionItem[];
}

/** The board projection, read now or as it stood at a journal position. */
export abstract class BoardSource {
  /**
   * The last position the projection has reached (capped at `at`) whose event is within `reach`, and that
   * event's time: positions that differ only by events a reader may not see give that reader one answer.
   */
  abstract position(at: number | undefined, reach: SensitiveReach): Promise<{ seq: number; at: string | undefined }>;
  /** The items now or at `at`; with `cell`, that cell's only (a national board holds some 17,000). */
  abstract items(at?: number, cell?: string): Promise<BoardItems>;
  /**
   * The latest decisions logged (newest first, at most `limit`) up to the position the projection has
   * reached, within `reach` and, with `cell`, in that cell: the moments a reader may see the board as it stood.
   */
  abstract decisionMoments(reach: SensitiveReach, limit: number, cell?: string): Promise<BoardMoment[]>;
}

/** A decision's place in the journal: the board "as it stood" once it was logged. */
export interface BoardMoment {
  seq: number;
  at: string;
  id: string;
  cell: string;
  title: string;
  marking: Marking;
}
