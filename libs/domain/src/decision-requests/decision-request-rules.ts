import { Marking } from '@muster/contracts';
import { sensitiveAudience } from '../access/policy';
import { Principal } from '../access/principal';
import { decided, Decided, unchanged } from '../shared/decided';
import { DomainError, forbidden } from '../shared/domain-error';
import { DecisionRequest } from './decision-request';
import { canDecideDecisionRequest } from './decision-request-access';
import { decisionRequestEvent } from './decision-request-events';

/** The decision logged as the answer: its id, and who may see it. */
export interface Answer {
  id: string;
  marking: Marking;
  authorities: readonly string[];
}

/**
 * The answer names the request it answers, so whoever may see the answer learns of the request: it must
 * reach nobody the request does not. An OFFICIAL answer to a sensitive request is refused rather than
 * raised to the request's marking, because a marking is its author's call, not the system's.
 */
export function answerProblems(
  request: Pick<DecisionRequest, 'cell' | 'authority' | 'marking'>,
  answer: Pick<Answer, 'marking' | 'authorities'>,
): Array<{ path: string; message: string }> {
  if (request.marking === 'OFFICIAL') return [];
  if (answer.marking === 'OFFICIAL') {
    return [{ path: 'marking', message: 'must be OFFICIAL-SENSITIVE, as the request it answers is' }];
  }
  const requestAudience = sensitiveAudience({
    cell: request.cell,
    authorities: request.authority === undefined ? [] : [request.authority],
  });
  return answer.authorities.flatMap((code, index) =>
    requestAudience.includes(`authority:${code}`)
      ? []
      : [
          {
            path: `authorities.${index}`,
            message: `may not name ${code}: the sensitive request it answers is not shared with it`,
          },
        ],
  );
}

export interface DecideRequestCommand {
  by: Principal;
  at: Date;
  answer: Answer;
}

export interface MarkOverdueCommand {
  at: Date;
  /** The escalation the missed deadline raises, named now so the two point at each other. */
  escalationId: string;
}

/** A late answer is still an answer: an overdue request can be decided, and that closes it. */
export function decideDecisionRequest(
  { by: principal, at: now, answer }: DecideRequestCommand,
  request: DecisionRequest,
): Decided<DecisionRequest> {
  if (!canDecideDecisionRequest(principal, request)) {
    throw forbidden('only the lead of the cell or a regional coordinator may answer this request');
  }
  const problems = answerProblems(request, answer);
  if (problems.length > 0) {
    throw new DomainError('rule-violated', problems.map((p) => `${p.path}: ${p.message}`).join('; '), problems);
  }
  if (request.status === 'decided') {
    throw new DomainError('conflict', `the request was already decided by ${request.decisionId ?? 'a decision'}`);
  }
  const answered: DecisionRequest = {
    ...request,
    status: 'decided',
    decisionId: answer.id,
    decidedAt: now.toISOString(),
    version: request.version + 1,
  };
  return decided(answered, decisionRequestEvent('decision-request.decided', answered));
}

/**
 * The deadline passed. Like the escalation timers this may run late or twice, so anything but an
 * open request past its due time changes nothing. The caller raises the escalation with the same id.
 */
export function markOverdue(
  { at: now, escalationId }: MarkOverdueCommand,
  request: DecisionRequest,
): Decided<DecisionRequest> {
  const due = pendingDeadline(request);
  if (due === undefined || now.getTime() < Date.parse(due)) return unchanged(request);
  const overdue: DecisionRequest = {
    ...request,
    status: 'overdue',
    escalationId,
    overdueAt: now.toISOString(),
    version: request.version + 1,
  };
  return decided(overdue, decisionRequestEvent('decision-request.overdue', overdue));
}

/** When a deadline job should fire for this request, if it still needs one. */
export function pendingDeadline(request: DecisionRequest): string | undefined {
  return request.status === 'open' ? request.dueAt : undefined;
}
