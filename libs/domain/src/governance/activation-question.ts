import { Principal } from '../access/principal';
import { DecisionInput } from '../decisions/log-decision';
import { DecisionRequest } from '../decision-requests/decision-request';
import { Cell } from '../reference/region';

/** The answers an activation question offers, the first being to stand the cell up. */
export const ACTIVATION_OPTIONS = ['Stand up crisis governance', 'Keep on standby'] as const;

/** The system's own sub: it opens activation questions when a cell's criteria are met. */
export const SYSTEM_SUB = 'system';

/**
 * An activation question is the decision request Muster opened (requested by the system) offering exactly
 * the activation options: nothing else is one, whatever its wording.
 */
export function isActivationQuestion(request: DecisionRequest): boolean {
  return (
    request.requestedBy.sub === SYSTEM_SUB &&
    request.options?.length === ACTIVATION_OPTIONS.length &&
    request.options.every((option, index) => option === ACTIVATION_OPTIONS[index])
  );
}

/** Still waiting for its answer (open, or past its deadline undecided). */
export const isUnanswered = (request: DecisionRequest): boolean =>
  request.status === 'open' || request.status === 'overdue';

/**
 * Standing the cell up is the decision that answers its activation question: recorded in the cell's log
 * (JDM: the decision, why, what was known, the options with the one chosen), linked to the question.
 */
export function activationDecision(
  cell: Cell,
  question: DecisionRequest,
  by: Principal,
  at: Date,
  reason: string,
): DecisionInput {
  return {
    title: `Stand up ${cell.name} crisis governance`,
    decision: `${cell.name} crisis governance is stood up.`,
    rationale: reason,
    informationAvailable: question.question,
    options: ACTIVATION_OPTIONS.map((option, index) => ({ option, chosen: index === 0 })),
    decidedBy: by.name,
    decidedAt: at.toISOString(),
    marking: question.marking,
  };
}
