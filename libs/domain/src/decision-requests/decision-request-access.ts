import { can, canSee } from '../access/policy';
import { Principal } from '../access/principal';
import { belongsTo, isOfficer, isRegional, leads } from '../access/roles';
import { DecisionRequest } from './decision-request';

/** People of the cell, regional coordinators, and officers asking on behalf of their own authority. */
export function canOpenDecisionRequest(p: Principal, target: { cell: string; authority?: string }): boolean {
  if (isRegional(p) || belongsTo(p, target.cell)) return true;
  return isOfficer(p) && (target.authority === undefined || target.authority === p.authority);
}

/** Answering is deciding, so it belongs to whoever may log the cell's decisions. */
export function canDecideDecisionRequest(
  p: Principal,
  r: Pick<DecisionRequest, 'cell' | 'authority' | 'marking'>,
): boolean {
  const decides = isRegional(p) || leads(p, r.cell);
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
  return (
    can(p, 'cell.view', { cell: r.cell }) &&
    canSee(p, { marking: r.marking, cell: r.cell, authorities: r.authority ? [r.authority] : [] })
  );
}
