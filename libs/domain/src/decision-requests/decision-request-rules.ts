import { Principal } from '../access/principal';
import { DomainError, forbidden } from '../shared/domain-error';
import { DecisionRequest } from './decision-request';
import { canDecideDecisionRequest } from './decision-request-access';
import { decisionRequestEvent } from './decision-request-events';
import { DecisionRequestChange } from './open-decision-request';

/** A late answer is still an answer: an overdue request can be decided, and that closes it. */
export function decideDecisionRequest(
  request: DecisionRequest,
  principal: Principal,
  decisionId: string,
  now: Date,
): DecisionRequestChange {
  if (!canDecideDecisionRequest(principal, request)) {
    throw forbidden('only the lead of the cell or a regional coordinator may answer this request');
  }
  if (request.status === 'decided') {
    throw new DomainError('conflict', `the request was already decided by ${request.decisionId ?? 'a decision'}`);
  }
  const decided: DecisionRequest = {
    ...request,
    status: 'decided',
    decisionId,
    decidedAt: now.toISOString(),
    version: request.version + 1,
  };
  return { request: decided, event: decisionRequestEvent('decision-request.decided', decided) };
}

/**
 * The deadline passed. Like the escalation timers this may run late or twice, so anything but an
 * open request past its due time is a no-op. The caller raises the escalation with the same id.
 */
export function markOverdue(
  request: DecisionRequest,
  now: Date,
  escalationId: string,
): DecisionRequestChange | undefined {
  const due = pendingDeadline(request);
  if (due === undefined || now.getTime() < Date.parse(due)) return undefined;
  const overdue: DecisionRequest = {
    ...request,
    status: 'overdue',
    escalationId,
    overdueAt: now.toISOString(),
    version: request.version + 1,
  };
  return { request: overdue, event: decisionRequestEvent('decision-request.overdue', overdue) };
}

/** When a deadline job should fire for this request, if it still needs one. */
export function pendingDeadline(request: DecisionRequest): string | undefined {
  return request.status === 'open' ? request.dueAt : undefined;
}
