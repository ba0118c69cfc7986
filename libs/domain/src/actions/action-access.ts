import { can, canSee } from '../access/policy';
import { Principal } from '../access/principal';
import { belongsTo, isOfficer, isRegional, isRegionWide, leads } from '../access/roles';
import { TrackedAction } from './action';

type ActionScope = Pick<TrackedAction, 'cell' | 'marking' | 'authorities'>;

/** An action is seen by whoever may see its decision: the cell's readers, sensitive ones with a need to know. */
export function canViewAction(p: Principal, a: ActionScope): boolean {
  return can(p, 'cell.view', { cell: a.cell }) && canSee(p, a);
}

/** Its owner, the cell's lead or a regional coordinator updates it (and only one who may see it). */
export function canUpdateAction(p: Principal, a: ActionScope & Pick<TrackedAction, 'owner'>): boolean {
  return canViewAction(p, a) && (p.sub === a.owner || leads(p, a.cell) || isRegional(p));
}

/** The cells whose actions a caller may list: undefined for every cell (region-wide readers and officers). */
export function viewableCells(p: Principal): string[] | undefined {
  if (isRegionWide(p) || isOfficer(p)) return undefined;
  return [...p.cells].filter((cell) => belongsTo(p, cell));
}
