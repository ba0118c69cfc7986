import { Principal } from '../access/principal';
import { Decided, unchanged } from '../shared/decided';
import { forbidden, ruleViolated } from '../shared/domain-error';
import { AckSla, Actor, Escalation, HeldBy } from './escalation';
import { canAcknowledgeEscalation, canSteerEscalation, holderOf } from './escalation-access';
import { ackDueFrom, actorOf, applyStep, conflict, nextLevel } from './escalation-change';

export interface AcknowledgeCommand {
  by: Principal;
  at: Date;
  note?: string;
}

export interface EscalateCommand {
  by: Principal;
  at: Date;
  reason: string;
  sla: AckSla;
  /** Who holds the level above, now (read from the rota by the handler). */
  heldBy?: HeldBy;
}

export interface ResolveCommand {
  by: Principal;
  at: Date;
  resolution: string;
}

export interface SettleCommand {
  /** The decision that finally answered the request whose missed deadline raised the escalation. */
  decisionId: string;
  at: Date;
}

/** The holder says "we have it": the ladder stops climbing until someone escalates by hand. */
export function acknowledgeEscalation({ by, at, note }: AcknowledgeCommand, e: Escalation): Decided<Escalation> {
  if (!canAcknowledgeEscalation(by, e)) {
    throw forbidden(`only the ${holderOf(e.level)} holding the ${e.level} level may acknowledge`);
  }
  if (e.status !== 'open') throw conflict(`the escalation is already ${e.status}`);
  return applyStep(
    e,
    { status: 'acknowledged', ackDueAt: null },
    {
      step: 'acknowledged',
      at: at.toISOString(),
      actor: actorOf(by),
      level: e.level,
      ...(note !== undefined && { note }),
    },
    'escalation.acknowledged',
  );
}

/** Up one level by hand: the new level gets a fresh deadline, even if the old one was acknowledged. */
export function escalateEscalation(
  { by, at, reason, sla, heldBy }: EscalateCommand,
  e: Escalation,
): Decided<Escalation> {
  if (!canSteerEscalation(by, e)) {
    throw forbidden(
      `only the ${holderOf(e.level)} holding the ${e.level} level or a regional coordinator may escalate`,
    );
  }
  if (e.status === 'resolved') throw conflict('the escalation is resolved');
  const level = nextLevel(e.level);
  if (level === undefined) throw ruleViolated('level', `${e.level} is the top of the ladder`);
  const ackDueAt = ackDueFrom(at, sla, e.severity);
  return applyStep(
    e,
    { level, status: 'open', overdue: false, ackDueAt, heldBy },
    {
      step: 'escalated',
      at: at.toISOString(),
      actor: actorOf(by),
      from: e.level,
      level,
      ackDueAt,
      reason,
      ...(heldBy && { heldBy }),
    },
    'escalation.escalated',
  );
}

export function resolveEscalation({ by, at, resolution }: ResolveCommand, e: Escalation): Decided<Escalation> {
  if (!canSteerEscalation(by, e)) {
    throw forbidden(`only the ${holderOf(e.level)} holding the ${e.level} level or a regional coordinator may resolve`);
  }
  if (e.status === 'resolved') throw conflict('the escalation is already resolved');
  return applyStep(
    e,
    { status: 'resolved', ackDueAt: null },
    { step: 'resolved', at: at.toISOString(), actor: actorOf(by), level: e.level, resolution },
    'escalation.resolved',
  );
}

/**
 * An escalation raised for a missed decision deadline is settled when the decision is finally taken:
 * the system resolves it, naming the decision, so it stops climbing. Nothing to do when already resolved.
 */
export function settleOverdueEscalation({ decisionId, at }: SettleCommand, e: Escalation): Decided<Escalation> {
  if (e.status === 'resolved' || e.decisionRequestId === undefined) return unchanged(e);
  return applyStep(
    e,
    { status: 'resolved', ackDueAt: null },
    {
      step: 'resolved',
      at: at.toISOString(),
      actor: 'system',
      level: e.level,
      resolution: `the overdue decision request was answered by decision ${decisionId}`,
    },
    'escalation.resolved',
  );
}

export interface HandOverEscalationCommand {
  /** Who handed the shift over (the holder, a regional coordinator or an administrator). */
  by: Actor;
  at: Date;
  /** The key of the holder handing over, and who takes it. */
  from: string;
  to: HeldBy;
}

/**
 * A holder handed their shift over mid-way: an unresolved escalation they hold passes to who took it, so
 * later steps reach them. One held by someone else (or no one recorded) is not theirs to hand over.
 */
export function handOverEscalation(
  { by, at, from, to }: HandOverEscalationCommand,
  e: Escalation,
): Decided<Escalation> {
  if (e.status === 'resolved' || e.heldBy === undefined || e.heldBy.key !== from || from === to.key) {
    return unchanged(e);
  }
  return applyStep(
    e,
    { heldBy: to },
    { step: 'handed-over', at: at.toISOString(), actor: by, level: e.level, from: e.heldBy, heldBy: to },
    'escalation.handed-over',
  );
}
