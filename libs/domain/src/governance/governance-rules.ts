import { Principal } from '../access/principal';
import { isRegional } from '../access/roles';
import { Cell } from '../reference/region';
import { decided, Decided } from '../shared/decided';
import { DomainError, forbidden } from '../shared/domain-error';
import { CriteriaEvaluation } from './criteria';
import { completeHandover, Handover, HandoverAssignment, OpenItem } from './handover';

export interface CellActivatedData {
  slug: string;
  reason: string;
  by: string;
  at: string;
}

export interface CellStoodDownData extends CellActivatedData {
  handover: Handover;
}

export interface ActivateCellCommand {
  by: Principal;
  at: Date;
  reason: string;
}

export interface StandDownCellCommand extends ActivateCellCommand {
  /** What is open in the cell now (within the handover's reach: OFFICIAL items). */
  open: readonly OpenItem[];
  /** Who takes each: every open item exactly once. */
  assignments: readonly HandoverAssignment[];
  note?: string;
}

export type ReturnToStandbyCommand = ActivateCellCommand;

export interface CellReturnedToStandbyData extends CellActivatedData {
  from: 'stood-down';
}

export function canChangeGovernance(principal: Principal): boolean {
  return isRegional(principal);
}

function checkReason(reason: string): void {
  if (reason.trim() === '') {
    throw new DomainError('validation-failed', 'reason must not be empty', [
      { path: 'reason', message: 'must not be empty' },
    ]);
  }
}

/** Stands crisis governance up; a stood-down cell may be stood up again, as in a second wave. */
export function activateCell({ by: principal, at: now, reason }: ActivateCellCommand, cell: Cell): Decided<Cell> {
  if (!canChangeGovernance(principal)) throw forbidden('only regional coordinators may stand up crisis governance');
  checkReason(reason);
  if (cell.status === 'active') throw new DomainError('conflict', `cell ${cell.slug} is already active`);
  const data: CellActivatedData = { slug: cell.slug, reason, by: principal.name, at: now.toISOString() };
  return decided(
    { ...cell, status: 'active' },
    { type: 'cell.activated', cell: cell.slug, authorities: [], marking: 'OFFICIAL', data },
  );
}

/**
 * Structures have a shelf life: standing down hands over what is still open, naming who takes each item
 * (refused, 422, while anything is left unnamed), and records the handover on the event.
 */
export function standDownCell(
  { by: principal, at: now, reason, open, assignments, note }: StandDownCellCommand,
  cell: Cell,
): Decided<Cell> {
  if (!canChangeGovernance(principal)) throw forbidden('only regional coordinators may stand down crisis governance');
  checkReason(reason);
  if (cell.status !== 'active')
    throw new DomainError('conflict', `cell ${cell.slug} is not active, so cannot be stood down`);
  const handover = completeHandover(open, assignments, note);
  const data: CellStoodDownData = { slug: cell.slug, reason, by: principal.name, at: now.toISOString(), handover };
  return decided(
    { ...cell, status: 'stood-down' },
    { type: 'cell.stood-down', cell: cell.slug, authorities: [], marking: 'OFFICIAL', data },
  );
}

/** A stood-down cell goes back on standby: ready to be stood up, and asked about, again. */
export function returnToStandby({ by: principal, at: now, reason }: ReturnToStandbyCommand, cell: Cell): Decided<Cell> {
  if (!canChangeGovernance(principal)) throw forbidden('only regional coordinators may return a cell to standby');
  checkReason(reason);
  if (cell.status !== 'stood-down') {
    throw new DomainError('conflict', `cell ${cell.slug} is ${cell.status}: only a stood-down cell returns to standby`);
  }
  const data: CellReturnedToStandbyData = {
    slug: cell.slug,
    reason,
    by: principal.name,
    at: now.toISOString(),
    from: 'stood-down',
  };
  return decided(
    { ...cell, status: 'standby' },
    { type: 'cell.returned-to-standby', cell: cell.slug, authorities: [], marking: 'OFFICIAL', data },
  );
}

/**
 * Ask the coordinators once per episode, an episode being a run of evaluations with the criteria met: a
 * "no" is not asked again every time a sitrep arrives, but a second wave after recovery is asked anew.
 */
export function shouldAskToActivate(cell: Cell, evaluation: CriteriaEvaluation, episodeOpen: boolean): boolean {
  return cell.status !== 'active' && evaluation.met && !episodeOpen;
}

/**
 * Whether to ask now, and whether an episode is open afterwards. It closes once the criteria stop being
 * met; an active cell keeps it open, so standing down while they still hold does not ask straight back.
 */
export function activationEpisode(
  cell: Cell,
  evaluation: CriteriaEvaluation,
  episodeOpen: boolean,
): { ask: boolean; episodeOpen: boolean } {
  const ask = shouldAskToActivate(cell, evaluation, episodeOpen);
  return { ask, episodeOpen: evaluation.met && (episodeOpen || ask || cell.status === 'active') };
}

/** The question put to the regional coordinators, naming each criterion met and where. */
export function activationQuestion(
  cell: Cell,
  evaluation: CriteriaEvaluation,
  authorityNames: ReadonlyMap<string, string>,
): string {
  const met = evaluation.matches
    .map((m) => `${m.criterion} (${m.authorities.map((code) => authorityNames.get(code) ?? code).join(', ')})`)
    .join('; ');
  return `Stand up ${cell.name} crisis governance? Criteria met: ${met}`;
}
