import { DecisionRequestEventData, EventType } from '@muster/contracts';
import { DomainEvent } from '../shared/domain-event';
import { DecisionRequest } from './decision-request';

export type DecisionRequestEventType = Extract<EventType, `decision-request.${string}`>;

export function decisionRequestEvent(
  type: DecisionRequestEventType,
  r: DecisionRequest,
): DomainEvent<DecisionRequestEventData> {
  const data: DecisionRequestEventData = { id: r.id, question: r.question, dueAt: r.dueAt, status: r.status };
  if (r.authority !== undefined) data.authority = r.authority;
  if (type === 'decision-request.decided') {
    data.decisionId = r.decisionId;
    data.decidedAt = r.decidedAt;
  }
  if (type === 'decision-request.overdue') data.escalationId = r.escalationId;
  return {
    type,
    cell: r.cell,
    ...(r.authority !== undefined && { authority: r.authority }),
    authorities: r.authority ? [r.authority] : [],
    marking: r.marking,
    data,
  };
}
