import { Marking, parseTopic } from '@muster/contracts';
import { Principal } from './principal';
import { belongsTo, isOfficer, isOfficerOf, isRegional, isRegionWide, leads } from './roles';

/** Something carrying a protective marking and the scopes that give a need to know. */
export interface MarkedItem {
  marking: Marking;
  cell?: string;
  authorities: readonly string[];
}

export type Action =
  | 'reference.read'
  | 'cell.view'
  | 'decision.log'
  | 'decision.amend'
  | 'decision.export'
  | 'feed.read'
  | 'feed.generate'
  | 'audit.export'
  | 'retention.manage';

const has = (p: Principal, role: Parameters<Principal['roles']['has']>[0]) => p.roles.has(role);

/** The one access policy: HTTP guards, queries, sockets, exports and feeds all ask it. */
export function can(p: Principal, action: Action, target: { cell?: string } = {}): boolean {
  const cell = target.cell ?? '';
  switch (action) {
    case 'reference.read':
      return p.roles.size > 0;
    case 'cell.view':
      return isRegionWide(p) || isOfficer(p) || belongsTo(p, cell);
    case 'decision.log':
    case 'decision.amend':
    case 'decision.export':
      return isRegional(p) || leads(p, cell);
    case 'feed.read':
      // The region's morning picture: its readers, and every cell lead (contract: /feeds).
      return isRegionWide(p) || has(p, 'cell-lead');
    case 'feed.generate':
      return isRegional(p) || has(p, 'admin');
    case 'audit.export':
    case 'retention.manage':
      // Data protection is administration: who read what, and how long records live, is not a crisis role's business.
      return has(p, 'admin');
  }
}

/**
 * A caller's need to know as data: every sensitive item, or those of some cells and authorities. It is the
 * one statement of the rule: `canSee` reads it, and a store translates it into its query so that a list is
 * filtered before it is limited (see persistence's `need-to-know.ts`, tested against `canSee`).
 */
export interface SensitiveReach {
  all: boolean;
  cells: readonly string[];
  authorities: readonly string[];
}

/** OFFICIAL material only: an uncleared caller's reach, and what an OFFICIAL summary may list. */
export const OFFICIAL_ONLY: SensitiveReach = Object.freeze({
  all: false,
  cells: Object.freeze([]),
  authorities: Object.freeze([]),
});

/** Every item: what the system itself works on (a stored feed holds everything; readers get it filtered). */
export const WHOLE_REACH: SensitiveReach = Object.freeze({
  all: true,
  cells: Object.freeze([]),
  authorities: Object.freeze([]),
});

/** Cleared regional coordinators and administrators reach everything; cell people their cells; officers their authority. */
export function sensitiveReach(p: Principal): SensitiveReach {
  if (p.clearance !== 'OFFICIAL-SENSITIVE') return OFFICIAL_ONLY;
  return {
    all: isRegional(p) || has(p, 'admin'),
    cells: has(p, 'cell-lead') || has(p, 'cell-member') ? [...p.cells] : [],
    authorities: isOfficer(p) && p.authority !== undefined ? [p.authority] : [],
  };
}

/** OFFICIAL is open; a sensitive item is within reach through the whole region, its cell or one of its authorities. */
export function withinReach(reach: SensitiveReach, item: MarkedItem): boolean {
  if (item.marking === 'OFFICIAL') return true;
  if (reach.all) return true;
  if (item.cell !== undefined && reach.cells.includes(item.cell)) return true;
  return item.authorities.some((code) => reach.authorities.includes(code));
}

/**
 * Need to know: OFFICIAL is visible to anyone allowed to read the place it lives; an
 * OFFICIAL-SENSITIVE item only to a cleared caller who is regional or admin, in its cell, or an
 * officer of one of its authorities.
 */
export function canSee(p: Principal, item: MarkedItem): boolean {
  return withinReach(sensitiveReach(p), item);
}

/** May this caller create an item with this marking? Nobody writes what they could not read. */
export function canWriteMarking(p: Principal, marking: Marking): boolean {
  return marking === 'OFFICIAL' || p.clearance === 'OFFICIAL-SENSITIVE';
}

/**
 * The need-to-know scopes of a caller, as keys. `canSee` is their intersection with an item's
 * audience, which lets live delivery use one room per key instead of a check per socket.
 */
export function sensitiveGrants(p: Principal): string[] {
  const reach = sensitiveReach(p);
  return [
    ...(reach.all ? ['all'] : []),
    ...reach.cells.map((cell) => `cell:${cell}`),
    ...reach.authorities.map((code) => `authority:${code}`),
  ];
}

export function sensitiveAudience(item: Omit<MarkedItem, 'marking'>): string[] {
  const audience = ['all'];
  if (item.cell !== undefined) audience.push(`cell:${item.cell}`);
  for (const code of item.authorities) audience.push(`authority:${code}`);
  return audience;
}

export type TopicDecision = { allowed: true } | { allowed: false; reason: 'unknown-topic' | 'forbidden' };

/** Who may join a live topic (contract: Live events). */
export function canJoinTopic(p: Principal, topic: string): TopicDecision {
  const parsed = parseTopic(topic);
  if (parsed === undefined) return { allowed: false, reason: 'unknown-topic' };
  let allowed: boolean;
  switch (parsed.kind) {
    case 'region':
      allowed = p.roles.size > 0;
      break;
    case 'feed':
      allowed = isRegionWide(p);
      break;
    case 'authority':
      allowed = isRegionWide(p) || isOfficerOf(p, parsed.code);
      break;
    case 'cell':
      allowed = isRegionWide(p) || belongsTo(p, parsed.slug);
      break;
  }
  return allowed ? { allowed: true } : { allowed: false, reason: 'forbidden' };
}
