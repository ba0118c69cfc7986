import { EscalationEventData, EventType } from '@muster/contracts';
import { DomainEvent } from '../shared/domain-event';
import { Actor, Escalation, HistoryStep } from './escalation';

export type EscalationEventType = Extract<EventType, `escalation.${string}`>;

export function actorName(actor: Actor): string {
  return actor === 'system' ? 'system' : actor.name;
}

/** The escalation as it now stands, with the details of the step that produced the event. */
export function escalationEvent(
  type: EscalationEventType,
  e: Escalation,
  step: HistoryStep,
): DomainEvent<EscalationEventData> {
  const data: EscalationEventData = {
    id: e.id,
    title: e.title,
    severity: e.severity,
    level: e.level,
    status: e.status,
    overdue: e.overdue,
    ackDueAt: e.ackDueAt,
    actor: actorName(step.actor),
  };
  if (e.decisionRequestId !== undefined) data.decisionRequestId = e.decisionRequestId;
  if (e.heldBy !== undefined) data.heldBy = { ...e.heldBy };
  if (step.step === 'handed-over') data.handedOverBy = { ...step.from };
  if (step.step === 'acknowledged' && step.note !== undefined) data.note = step.note;
  if (step.step === 'escalated') {
    data.from = step.from;
    data.reason = step.reason;
  }
  if (step.step === 'resolved') data.resolution = step.resolution;
  return {
    type,
    cell: e.cell,
    ...(e.authority !== undefined && { authority: e.authority }),
    authorities: e.authority ? [e.authority] : [],
    marking: e.marking,
    data,
  };
}
