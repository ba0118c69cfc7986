import { Principal } from '../access/principal';
import { Decided, unchanged } from '../shared/decided';
import { forbidden, ruleViolated } from '../shared/domain-error';
import { Escalation, isClosed } from './escalation';
import { canUpdateEscalation, canWithdrawEscalation } from './escalation-access';
import { actorOf, applyStep, conflict } from './escalation-change';

/** How far ahead a promise of the next update may be: beyond a fortnight it is no promise at all. */
export const NEXT_UPDATE_MAX_AHEAD_MS = 14 * 24 * 3600 * 1000;

export interface UpdateCommand {
  by: Principal;
  at: Date;
  note: string;
  /** When the next update will come; an update without one promises none. */
  nextUpdateDue?: Date;
}

export interface WithdrawCommand {
  by: Principal;
  at: Date;
  reason: string;
}

/** A re-alert timer fired, for the promised time it was set for. */
export interface MissedUpdateCommand {
  nextUpdateDue: string;
  at: Date;
}

/** A time that must lie ahead of `now`, and no further than `maxAheadMs`; the field is named in the refusal. */
export function checkAhead(path: string, value: Date, now: Date, maxAheadMs: number): void {
  if (value.getTime() <= now.getTime()) throw ruleViolated(path, 'must be in the future');
  if (value.getTime() - now.getTime() > maxAheadMs) {
    throw ruleViolated(path, `must be within ${String(Math.round(maxAheadMs / (24 * 3600 * 1000)))} days`);
  }
}

/**
 * An update: a note in the history, and either a fresh promise of the next one (which replaces any earlier
 * promise, and re-arms the re-alert) or none. Anything after the escalation closed is refused.
 */
export function updateEscalation({ by, at, note, nextUpdateDue }: UpdateCommand, e: Escalation): Decided<Escalation> {
  if (!canUpdateEscalation(by, e)) {
    throw forbidden('only the raiser or whoever holds the current level may update the escalation');
  }
  if (isClosed(e)) throw conflict(`the escalation is ${e.status}`);
  if (note.trim() === '') throw ruleViolated('note', 'must not be empty');
  if (nextUpdateDue !== undefined) checkAhead('nextUpdateDue', nextUpdateDue, at, NEXT_UPDATE_MAX_AHEAD_MS);
  const promised = nextUpdateDue?.toISOString();
  return applyStep(
    e,
    { nextUpdateDue: promised, updateOverdueFor: undefined },
    {
      step: 'updated',
      at: at.toISOString(),
      actor: actorOf(by),
      level: e.level,
      note,
      ...(promised !== undefined && { nextUpdateDue: promised }),
    },
    'escalation.updated',
  );
}

/** The raiser takes the ask back: it stops for good, with nothing left to climb, re-alert or answer. */
export function withdrawEscalation({ by, at, reason }: WithdrawCommand, e: Escalation): Decided<Escalation> {
  if (!canWithdrawEscalation(by, e)) throw forbidden('only the person who raised the escalation may withdraw it');
  if (isClosed(e)) throw conflict(`the escalation is already ${e.status}`);
  if (reason.trim() === '') throw ruleViolated('reason', 'must not be empty');
  return applyStep(
    e,
    { status: 'withdrawn', ackDueAt: null, nextUpdateDue: undefined, updateOverdueFor: undefined },
    { step: 'withdrawn', at: at.toISOString(), actor: actorOf(by), level: e.level, reason },
    'escalation.withdrawn',
  );
}

/** The one re-alert timer this escalation should have: its latest promise, unless already re-alerted or closed. */
export function pendingUpdateTimer(e: Escalation): { nextUpdateDue: string } | undefined {
  if (isClosed(e) || e.nextUpdateDue === undefined || e.updateOverdueFor === e.nextUpdateDue) return undefined;
  return { nextUpdateDue: e.nextUpdateDue };
}

/**
 * A re-alert timer fired. It may fire late, twice, early, or for a promise a newer update replaced: only
 * the current, unalerted promise, once passed, re-alerts; so each promised time re-alerts at most once.
 */
export function alertMissedUpdate({ nextUpdateDue, at }: MissedUpdateCommand, e: Escalation): Decided<Escalation> {
  const pending = pendingUpdateTimer(e);
  if (pending === undefined || Date.parse(pending.nextUpdateDue) !== Date.parse(nextUpdateDue)) return unchanged(e);
  if (at.getTime() < Date.parse(pending.nextUpdateDue)) return unchanged(e);
  return applyStep(
    e,
    { updateOverdueFor: pending.nextUpdateDue },
    {
      step: 'update-overdue',
      at: at.toISOString(),
      actor: 'system',
      level: e.level,
      nextUpdateDue: pending.nextUpdateDue,
    },
    'escalation.update-overdue',
  );
}
