import { Role } from '@muster/contracts';
import { can, canSee } from '../access/policy';
import { Principal } from '../access/principal';
import { belongsTo, isOfficerOf, isRegional, leads } from '../access/roles';
import { Escalation, Level } from './escalation';

/** The role that must acknowledge at a level: the cell's lead first, then regional coordination. */
export function holderOf(level: Level): Role {
  return level === 'cell' ? 'cell-lead' : 'regional-coordinator';
}

/** Does this caller hold the escalation's current level? */
export function isHolder(p: Principal, e: Pick<Escalation, 'level' | 'cell'>): boolean {
  return e.level === 'cell' ? leads(p, e.cell) : isRegional(p);
}

/** Officers raise only for their own authority; cell people for their cell; regional for anything. */
export function canRaiseEscalation(p: Principal, target: { authority: string; cell: string }): boolean {
  return isOfficerOf(p, target.authority) || belongsTo(p, target.cell) || isRegional(p);
}

/**
 * Open escalations are on the region's common picture (the board, the `region` topic), so an
 * OFFICIAL escalation is visible to every role; a sensitive one only with a need to know.
 */
export function canViewEscalation(p: Principal, e: Pick<Escalation, 'authority' | 'cell' | 'marking'>): boolean {
  return (
    can(p, 'reference.read') &&
    canSee(p, { marking: e.marking, cell: e.cell, authorities: e.authority ? [e.authority] : [] })
  );
}

/**
 * Escalating or resolving by hand: the holder, or any regional coordinator, who may always pull an
 * issue up or close it. Nobody acts on what they may not see.
 */
export function canSteerEscalation(p: Principal, e: Escalation): boolean {
  return (isHolder(p, e) || isRegional(p)) && canViewEscalation(p, e);
}

/** Acknowledging is the holder's alone: it says "this level has it". */
export function canAcknowledgeEscalation(p: Principal, e: Escalation): boolean {
  return isHolder(p, e) && canViewEscalation(p, e);
}

/** The person who raised it (never the system, which raises for missed decision deadlines). */
export function isRaiser(p: Principal, e: Pick<Escalation, 'raisedBy'>): boolean {
  return e.raisedBy !== 'system' && e.raisedBy.sub === p.sub;
}

/** The person the rota named for the current level (a person's `sub`; never a fallback contact point). */
export function isNamedHolder(p: Principal, e: Pick<Escalation, 'heldBy'>): boolean {
  return e.heldBy !== undefined && e.heldBy.key === p.sub;
}

/**
 * Updates come from the raiser (what changed on the ground) or from whoever holds the current level
 * (what is being done): the level's role, or the person the rota named for it, whose role may not be the
 * level's (a member covering the cell's shift). Nobody acts on what they may not see.
 */
export function canUpdateEscalation(p: Principal, e: Escalation): boolean {
  return ((isRaiser(p, e) || isNamedHolder(p, e)) && canViewEscalation(p, e)) || canAcknowledgeEscalation(p, e);
}

/** Withdrawing is the raiser's alone: only they can say the ask no longer stands. */
export function canWithdrawEscalation(p: Principal, e: Escalation): boolean {
  return isRaiser(p, e) && canViewEscalation(p, e);
}
