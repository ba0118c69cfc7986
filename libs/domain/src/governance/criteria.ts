import { ActivationCriterion, Cell } from '../reference/region';

export interface CriterionMatch {
  /** The criterion's description, as the coordinator will read it. */
  criterion: string;
  /** The authorities beyond the bound, by code, sorted. */
  authorities: string[];
}

export interface CriteriaEvaluation {
  /** True when any one of the cell's criteria is met. */
  met: boolean;
  /** The criteria that are met, in the cell's order. */
  matches: CriterionMatch[];
}

/** Authorities whose figure is strictly beyond the criterion's bound; none for a criterion people judge. */
function breaching(
  criterion: ActivationCriterion,
  figuresByAuthority: ReadonlyMap<string, Record<string, number>>,
): string[] {
  if (criterion.figure === undefined) return [];
  const codes: string[] = [];
  for (const [code, figures] of figuresByAuthority) {
    const value = figures[criterion.figure];
    if (value === undefined) continue;
    const beyond = criterion.below !== undefined ? value < criterion.below : value > criterion.above;
    if (beyond) codes.push(code);
  }
  return codes.sort();
}

/**
 * Checks a cell's explicit criteria for standing up crisis governance against the authorities' current
 * figures, e.g. "FFP3 masks: under 3 days of supply in two or more authorities".
 */
export function evaluateCriteria(
  cell: Cell,
  figuresByAuthority: ReadonlyMap<string, Record<string, number>>,
): CriteriaEvaluation {
  const matches: CriterionMatch[] = [];
  for (const criterion of cell.activationCriteria) {
    const authorities = breaching(criterion, figuresByAuthority);
    if (authorities.length > 0 && authorities.length >= (criterion.minAuthorities ?? 1)) {
      matches.push({ criterion: criterion.description, authorities });
    }
  }
  return { met: matches.length > 0, matches };
}
