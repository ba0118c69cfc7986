import { Recorder } from '../decisions/decision';

export const RAGS = ['green', 'amber', 'red'] as const;
/** Red means the situation needs escalation beyond the region. */
export type Rag = (typeof RAGS)[number];

/** One authority's figures for one cell for one reporting day; a resubmission is a new version. */
export interface Sitrep {
  cell: string;
  authority: string;
  /** YYYY-MM-DD, a calendar day in the region's time zone. */
  date: string;
  /** 1 for the first submission for the day, one more for each resubmission. */
  version: number;
  figures: Record<string, number>;
  narrative?: string;
  /** The authority's own assessment, which can be worse than its figures say. */
  rag?: Rag;
  submittedBy: Recorder;
  submittedAt: string;
}

/** What carrying figures forward and a day's RAG need of a report: not who sent it, when, nor its narrative. */
export type ReportedFigures = Pick<Sitrep, 'cell' | 'authority' | 'date' | 'version' | 'figures' | 'rag'>;

/** Data of the `sitrep.submitted` event. */
export interface SitrepSubmittedData {
  cell: string;
  authority: string;
  date: string;
  version: number;
  rag?: Rag;
  figures: Record<string, number>;
}
