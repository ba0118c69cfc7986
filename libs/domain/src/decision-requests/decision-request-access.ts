import { canSee } from '../access/policy';
import { Principal } from '../access/principal';
import { DecisionRequest } from './decision-request';

const isRegional = (p: Principal) => p.roles.has('regional-coordinator');
const isOfficer = (p: Principal) => p.roles.has('authority-officer') && p.authority !== undefined;
const belongsTo = (p: Principal, cell: string) =>
  (p.roles.has('cell-lead') || p.roles.has('cell-member')) && p.cells.has(cell);

/** People of the cell, regional coordinators, and officers asking on behalf of their own authority. */
export function canOpenDecisionRequest(p: Principal, target: { cell: string; authority?: string }): boolean {
  if (isRegional(p) || belongsTo(p, target.cell)) return true;
  return isOfficer(p) && (target.authority === undefined || target.authority === p.authority);
}

/** Answering is deciding, so it belongs to whoever may log the cell's decisions. */
export function canDecideDecisionRequest(p: Principal, r: Pick<DecisionRequest, 'cell' | 'authority' | 'marking'>): boolean {
  const decides = isRegional(p) || (p.roles.has('cell-lead') && p.cells.has(r.cell));
  return decides && canViewDecisionRequest(p, r);
}

/**
 * Whoever may see the cell sees its requests (officers read every cell's business); sensitive ones only
 * with clearance and a need to know.
 */
export function canViewDecisionRequest(
  p: Principal,
  r: Pick<DecisionRequest, 'cell' | 'authority' | 'marking'>,
): boolean {
  const regionWide = isRegional(p) || p.roles.has('admin') || p.roles.has('mayors-office');
  const concerned = regionWide || isOfficer(p) || belongsTo(p, r.cell);
  return (
    concerned && canSee(p, { marking: r.marking, cell: r.cell, authorities: r.authority ? [r.authority] : [] })
  );
}
