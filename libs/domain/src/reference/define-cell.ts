import { ProblemFieldError } from '@muster/contracts';
import { Principal } from '../access/principal';
import { isRegional } from '../access/roles';
import { decided, Decided } from '../shared/decided';
import { DomainError, forbidden } from '../shared/domain-error';
import { ActivationCriterion, Cell, CellFigure, CellThreshold, DEFAULT_SITREP_CUTOFF } from './region';

export interface DefineCellCommand extends CellDefinition {
  by: Principal;
}

export interface CellDefinition {
  slug: string;
  name: string;
  description?: string;
  lead?: string;
  decisionTimescaleMinutes: number;
  sitrepCutoff?: string;
  figures: CellFigure[];
  thresholds: CellThreshold[];
  activationCriteria?: ActivationCriterion[];
}

/**
 * New cells for new crises are data: a regional coordinator defines one with its figures and
 * thresholds. Every threshold and criterion must name a figure the cell collects, and the slug must be
 * free: the state is the cell already held under it, if any. No event: a new cell has nothing to tell yet.
 */
export function defineCell(
  { by: principal, ...definition }: DefineCellCommand,
  existing: Cell | undefined,
): Decided<Cell> {
  if (!isRegional(principal)) throw forbidden('only regional coordinators may create cells');
  const keys = new Set<string>();
  const problems: ProblemFieldError[] = [];
  definition.figures.forEach((figure, index) => {
    if (keys.has(figure.key)) problems.push({ path: `figures.${index}.key`, message: `${figure.key} is listed twice` });
    keys.add(figure.key);
  });
  definition.thresholds.forEach((threshold, index) => {
    if (!keys.has(threshold.figure)) {
      problems.push({
        path: `thresholds.${index}.figure`,
        message: `${threshold.figure} is not a figure of this cell`,
      });
    }
    const ordered =
      threshold.direction === 'lower-is-worse' ? threshold.red <= threshold.amber : threshold.red >= threshold.amber;
    if (!ordered)
      problems.push({ path: `thresholds.${index}`, message: 'the red band must be worse than the amber band' });
  });
  (definition.activationCriteria ?? []).forEach((criterion, index) => {
    if (criterion.figure !== undefined && !keys.has(criterion.figure)) {
      problems.push({
        path: `activationCriteria.${index}.figure`,
        message: `${criterion.figure} is not a figure of this cell`,
      });
    }
  });
  if (problems.length > 0) {
    throw new DomainError('rule-violated', problems.map((p) => `${p.path}: ${p.message}`).join('; '), problems);
  }
  if (existing !== undefined) {
    throw new DomainError('conflict', `a cell called ${definition.slug} already exists`, [
      { path: 'slug', message: 'is taken' },
    ]);
  }
  return decided({
    slug: definition.slug,
    name: definition.name,
    description: definition.description ?? '',
    status: 'standby',
    ...(definition.lead === undefined ? {} : { lead: definition.lead }),
    decisionTimescaleMinutes: definition.decisionTimescaleMinutes,
    sitrepCutoff: definition.sitrepCutoff ?? DEFAULT_SITREP_CUTOFF,
    figures: definition.figures,
    thresholds: definition.thresholds,
    activationCriteria: definition.activationCriteria ?? [],
  });
}
