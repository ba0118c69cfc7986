import { Principal } from '../access/principal';
import { forbidden, ruleViolated } from '../shared/domain-error';
import { AckSla, Escalation } from './escalation';
import { canAcknowledgeEscalation, canSteerEscalation, holderOf } from './escalation-access';
import { ackDueFrom, actorOf, applyStep, conflict, EscalationChange, nextLevel } from './escalation-change';

/** The holder says "we have it": the ladder stops climbing until someone escalates by hand. */
export function acknowledgeEscalation(
  e: Escalation,
  principal: Principal,
  note: string | undefined,
  now: Date,
): EscalationChange {
  if (!canAcknowledgeEscalation(principal, e)) {
    throw forbidden(`only the ${holderOf(e.level)} holding the ${e.level} level may acknowledge`);
  }
  if (e.status !== 'open') throw conflict(`the escalation is already ${e.status}`);
  return applyStep(
    e,
    { status: 'acknowledged', ackDueAt: null },
    {
      step: 'acknowledged',
      at: now.toISOString(),
      actor: actorOf(principal),
      level: e.level,
      ...(note !== undefined && { note }),
    },
    'escalation.acknowledged',
  );
}

/** Up one level by hand: the new level gets a fresh deadline, even if the old one was acknowledged. */
export function escalateEscalation(
  e: Escalation,
  principal: Principal,
  reason: string,
  now: Date,
  sla: AckSla,
): EscalationChange {
  if (!canSteerEscalation(principal, e)) {
    throw forbidden(`only the ${holderOf(e.level)} holding the ${e.level} level or a regional coordinator may escalate`);
  }
  if (e.status === 'resolved') throw conflict('the escalation is resolved');
  const level = nextLevel(e.level);
  if (level === undefined) throw ruleViolated('level', `${e.level} is the top of the ladder`);
  const ackDueAt = ackDueFrom(now, sla, e.severity);
  return applyStep(
    e,
    { level, status: 'open', overdue: false, ackDueAt },
    {
      step: 'escalated',
      at: now.toISOString(),
      actor: actorOf(principal),
      from: e.level,
      level,
      ackDueAt,
      reason,
    },
    'escalation.escalated',
  );
}

export function resolveEscalation(
  e: Escalation,
  principal: Principal,
  resolution: string,
  now: Date,
): EscalationChange {
  if (!canSteerEscalation(principal, e)) {
    throw forbidden(`only the ${holderOf(e.level)} holding the ${e.level} level or a regional coordinator may resolve`);
  }
  if (e.status === 'resolved') throw conflict('the escalation is already resolved');
  return applyStep(
    e,
    { status: 'resolved', ackDueAt: null },
    { step: 'resolved', at: now.toISOString(), actor: actorOf(principal), level: e.level, resolution },
    'escalation.resolved',
  );
}

/**
 * An escalation raised for a missed decision deadline is settled when the decision is finally taken:
 * the system resolves it, naming the decision, so it stops climbing. Undefined when already resolved.
 */
export function settleOverdueEscalation(e: Escalation, decisionId: string, now: Date): EscalationChange | undefined {
  if (e.status === 'resolved' || e.decisionRequestId === undefined) return undefined;
  return applyStep(
    e,
    { status: 'resolved', ackDueAt: null },
    {
      step: 'resolved',
      at: now.toISOString(),
      actor: 'system',
      level: e.level,
      resolution: `the overdue decision request was answered by decision ${decisionId}`,
    },
    'escalation.resolved',
  );
}
