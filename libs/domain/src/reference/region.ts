/** A local authority, identified by its ONS GSS code; codes are occasionally reissued. */
export interface Authority {
  code: string;
  name: string;
  kind: string;
  validFrom: string;
  validTo?: string;
}

/**
 * How a figure adds up across the region: counts are summed; a figure like "days of supply" is not
 * additive, and the region is only as well supplied as its worst-off authority, so it takes the minimum.
 */
export type FigureAggregate = 'sum' | 'min';

export interface CellFigure {
  key: string;
  label: string;
  unit: string;
  carriesForward: boolean;
  /** Defaults to `sum`. */
  aggregate?: FigureAggregate;
}

/** RAG bands for one figure: red when the value is strictly below `red` (above, for 'higher-is-worse'). */
export interface CellThreshold {
  figure: string;
  direction: 'lower-is-worse' | 'higher-is-worse';
  red: number;
  amber: number;
}

export type CellStatus = 'standby' | 'active' | 'stood-down';

interface CriterionBase {
  description: string;
  /** How many authorities must breach the bound at once; 1 when absent. */
  minAuthorities?: number;
}

/**
 * When crisis governance should be stood up. A measured criterion names a figure and one strict bound
 * (`below` or `above`); one with only a description is judged by people and never met automatically.
 */
export type ActivationCriterion =
  | (CriterionBase & { figure: string; below: number; above?: never })
  | (CriterionBase & { figure: string; above: number; below?: never })
  | (CriterionBase & { figure?: never; below?: never; above?: never });

/** When a cell's authorities report by, unless the cell says otherwise. */
export const DEFAULT_SITREP_CUTOFF = '10:00';

export interface Cell {
  slug: string;
  name: string;
  description: string;
  status: CellStatus;
  lead?: string;
  decisionTimescaleMinutes: number;
  figures: CellFigure[];
  thresholds: CellThreshold[];
  /** 'HH:MM' local time in the region by which authorities report the day's figures; later, they are stale. */
  sitrepCutoff: string;
  activationCriteria: ActivationCriterion[];
}
