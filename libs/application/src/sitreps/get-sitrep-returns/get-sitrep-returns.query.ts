import { Query } from '@nestjs/cqrs';
import type { Cell, FigureOrigin, Principal, Rag, Sitrep } from '@muster/domain';

/** Where one cell's return stands for the day: sent, still due before the cut-off, or late. */
export type ReturnState = 'done' | 'due' | 'late';

export interface SitrepReturn {
  cell: Pick<Cell, 'slug' | 'name' | 'status' | 'figures' | 'sitrepCutoff'>;
  state: ReturnState;
  /** The cell's cut-off on the day, as an instant. */
  cutoffAt: string;
  /** The day's latest version, when one was sent. */
  sent?: Sitrep;
  /** The figures the board shows for the day, each with the day it was reported on (earlier when carried). */
  figures: Record<string, FigureOrigin>;
  /** The authority's own RAG in its latest report that gave one. */
  ownRag?: { rag: Rag; reportedOn: string };
}

export interface SitrepReturns {
  date: string;
  authority: { code: string; name: string };
  returns: SitrepReturn[];
}

/** An authority's returns for a day (today unless given), one per cell: for its officers and regional coordinators. */
export class GetSitrepReturns extends Query<SitrepReturns> {
  constructor(
    readonly principal: Principal,
    readonly authority: string,
    readonly date?: string,
  ) {
    super();
  }
}
