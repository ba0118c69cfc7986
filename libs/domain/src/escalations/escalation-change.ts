import { Principal } from '../access/principal';
import { decided, Decided } from '../shared/decided';
import { DomainError } from '../shared/domain-error';
import { AckSla, Actor, Escalation, HistoryStep, Level, LEVELS, Severity } from './escalation';
import { EscalationEventType, escalationEvent } from './escalation-events';

export const actorOf = (p: Principal): Actor => ({ sub: p.sub, name: p.name });

export const conflict = (message: string) => new DomainError('conflict', message);

export function nextLevel(level: Level): Level | undefined {
  return LEVELS[LEVELS.indexOf(level) + 1];
}

export function ackDueFrom(now: Date, sla: AckSla, severity: Severity): string {
  return new Date(now.getTime() + sla[severity]).toISOString();
}

/** Applies one step: a copy with the step appended and the version bumped, and its event; the input is untouched. */
export function applyStep(
  e: Escalation,
  fields: Partial<Pick<Escalation, 'level' | 'status' | 'ackDueAt' | 'overdue' | 'heldBy'>>,
  step: HistoryStep,
  type: EscalationEventType,
): Decided<Escalation> {
  const escalation: Escalation = {
    ...e,
    ...fields,
    version: e.version + 1,
    history: [...e.history, step],
  };
  return decided(escalation, escalationEvent(type, escalation, step));
}
