import { Query } from '@nestjs/cqrs';
import { CellStatus, Principal, Rag } from '@muster/domain';
import { BoardEscalationItem, BoardRequestItem } from '../../ports/board';

export interface BoardAuthority {
  code: string;
  name: string;
  rag: Rag | null;
  stale: boolean;
  /** The reporting day the figures were last reported for; null if never. */
  reportedFor: string | null;
  figures: Record<string, number>;
  carried: string[];
}

export interface BoardCell {
  slug: string;
  name: string;
  status: CellStatus;
  rag: Rag | null;
  /** The figures the cell collects, in its order: what the keys of each authority's `figures` mean. */
  figures: BoardFigure[];
  authorities: BoardAuthority[];
  /** The cell's actions the reader may see, by status (dropped ones are nobody's work). */
  actions: ActionCountsView;
}

export interface ActionCountsView {
  open: number;
  done: number;
  overdue: number;
}

export interface BoardFigure {
  key: string;
  label: string;
  unit: string;
}

export interface BoardView {
  /** The journal position (and its time) this picture reflects. */
  asOf: { seq: number; at: string | null };
  date: string;
  cells: BoardCell[];
  escalations: BoardEscalationItem[];
  decisionRequests: BoardRequestItem[];
}

export class GetBoard extends Query<BoardView> {
  constructor(
    readonly principal: Principal,
    readonly at: number | undefined,
    /** One cell's part of the picture only (its cell row, its escalations and requests). */
    readonly cell?: string,
  ) {
    super();
  }
}
