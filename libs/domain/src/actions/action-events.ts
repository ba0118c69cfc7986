import { ActionEventData, EventType } from '@muster/contracts';
import { DomainEvent } from '../shared/domain-event';
import { TrackedAction } from './action';

export type ActionEventType = Extract<EventType, `action.${string}`>;

/** An action event carries its decision's marking and authorities: it reaches exactly who may see the decision. */
export function actionEvent(
  type: ActionEventType,
  a: TrackedAction,
  step: { actor: string; note?: string; amendmentId?: string; change?: 'changed' | 'dropped' },
): DomainEvent<ActionEventData> {
  const data: ActionEventData = {
    actionId: a.id,
    cell: a.cell,
    decisionId: a.decisionId,
    decisionSequence: a.decisionSequence,
    action: a.action,
    owner: a.owner,
    due: a.due ?? null,
    status: a.status,
    actor: step.actor,
    ...(step.note !== undefined && { note: step.note }),
    ...(step.amendmentId !== undefined && { amendmentId: step.amendmentId }),
    ...(step.change !== undefined && { change: step.change }),
  };
  return {
    type,
    cell: a.cell,
    ...(a.authorities.length === 1 && { authority: a.authorities[0] }),
    authorities: a.authorities,
    marking: a.marking,
    data,
  };
}
