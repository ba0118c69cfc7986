import { Marking, ProblemFieldError } from '@muster/contracts';
import { canWriteMarking } from '../access/policy';
import { Principal } from '../access/principal';
import { isOfficer } from '../access/roles';
import { DomainError, forbidden } from '../shared/domain-error';
import { DomainEvent } from '../shared/domain-event';
import { DecisionRequest } from './decision-request';
import { canOpenDecisionRequest } from './decision-request-access';
import { decisionRequestEvent } from './decision-request-events';

export interface OpenDecisionRequestInput {
  cell: string;
  question: string;
  context?: string;
  options?: string[];
  dueAt?: string;
  dueInMinutes?: number;
  marking: Marking;
  authority?: string;
}

export interface OpenDecisionRequestContext {
  principal: Principal;
  now: Date;
  id: string;
  knownAuthorities: ReadonlySet<string>;
}

export interface DecisionRequestChange {
  request: DecisionRequest;
  event: DomainEvent;
}

/** Puts a question to a cell with a deadline; the deadline is what later makes it escalate. */
export function openDecisionRequest(
  input: OpenDecisionRequestInput,
  ctx: OpenDecisionRequestContext,
): DecisionRequestChange {
  const { principal, now } = ctx;
  const authority = input.authority ?? (isOfficer(principal) ? principal.authority : undefined);
  if (!canOpenDecisionRequest(principal, { cell: input.cell, authority })) {
    throw forbidden('only people of the cell, officers for their own authority or regional coordinators may ask');
  }
  if (!canWriteMarking(principal, input.marking)) {
    throw forbidden('an OFFICIAL-SENSITIVE request needs OFFICIAL-SENSITIVE clearance');
  }
  const due = dueTime(input, now);
  const problems: ProblemFieldError[] = [...due.problems];
  if (authority !== undefined && !ctx.knownAuthorities.has(authority)) {
    problems.push({ path: 'authority', message: `unknown authority ${authority}` });
  }
  if (problems.length > 0 || due.at === undefined) {
    throw new DomainError('rule-violated', problems.map((p) => `${p.path}: ${p.message}`).join('; '), problems);
  }
  const request: DecisionRequest = {
    id: ctx.id,
    cell: input.cell,
    question: input.question,
    ...(input.context !== undefined && { context: input.context }),
    ...(input.options !== undefined && { options: [...input.options] }),
    dueAt: due.at,
    marking: input.marking,
    ...(authority !== undefined && { authority }),
    status: 'open',
    requestedBy: { sub: principal.sub, name: principal.name },
    requestedAt: now.toISOString(),
    version: 1,
  };
  return { request, event: decisionRequestEvent('decision-request.opened', request) };
}

function dueTime(
  input: Pick<OpenDecisionRequestInput, 'dueAt' | 'dueInMinutes'>,
  now: Date,
): { at?: string; problems: ProblemFieldError[] } {
  const fail = (message: string) => ({ problems: [{ path: 'dueAt', message }] });
  if (input.dueAt !== undefined && input.dueInMinutes !== undefined) {
    return fail('give either dueAt or dueInMinutes, not both');
  }
  let ms: number;
  if (input.dueAt !== undefined) {
    ms = Date.parse(input.dueAt);
    if (Number.isNaN(ms)) return fail('is not a valid time');
  } else if (input.dueInMinutes !== undefined) {
    if (!Number.isFinite(input.dueInMinutes)) return fail('dueInMinutes is not a number');
    ms = now.getTime() + input.dueInMinutes * 60_000;
  } else {
    return fail('dueAt or dueInMinutes is required');
  }
  if (ms <= now.getTime()) return fail('must be in the future');
  return { at: new Date(ms).toISOString(), problems: [] };
}
