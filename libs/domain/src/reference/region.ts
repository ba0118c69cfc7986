/** A local authority, identified by its ONS GSS code; codes are occasionally reissued. */
export interface Authority {
  code: string;
  name: string;
  kind: string;
  validFrom: string;
  validTo?: string;
}

export interface CellFigure {
  key: string;
  label: string;
  unit: string;
  carriesForward: boolean;
}

/** RAG bands for one figure: red when the value is below `red` (or above, for `higherIsWorse`). */
export interface CellThreshold {
  figure: string;
  direction: 'lower-is-worse' | 'higher-is-worse';
  red: number;
  amber: number;
}

export type CellStatus = 'standby' | 'active' | 'stood-down';

export interface Cell {
  slug: string;
  name: string;
  description: string;
  status: CellStatus;
  lead?: string;
  decisionTimescaleMinutes: number;
  figures: CellFigure[];
  thresholds: CellThreshold[];
  activationCriteria: { description: string; figure?: string; below?: number; above?: number; minAuthorities?: number }[];
}
