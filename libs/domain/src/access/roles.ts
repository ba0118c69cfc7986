import { Principal } from './principal';

/** Who a principal is, in the terms the access rules speak. Every rule in the domain builds on these. */
export const isRegional = (p: Principal) => p.roles.has('regional-coordinator');
export const isRegionWide = (p: Principal) => isRegional(p) || p.roles.has('admin') || p.roles.has('mayors-office');
/** An officer role without an authority claim grants no officer rights. */
export const isOfficer = (p: Principal) => p.roles.has('authority-officer') && p.authority !== undefined;
export const isOfficerOf = (p: Principal, authority: string | undefined) => isOfficer(p) && p.authority === authority;
export const leads = (p: Principal, cell: string) => p.roles.has('cell-lead') && p.cells.has(cell);
export const belongsTo = (p: Principal, cell: string) =>
  (p.roles.has('cell-lead') || p.roles.has('cell-member')) && p.cells.has(cell);
