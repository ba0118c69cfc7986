import { Marking, ProblemFieldError } from '@muster/contracts';
import { canWriteMarking } from '../access/policy';
import { Principal } from '../access/principal';
import { isOfficer } from '../access/roles';
import { decided, Decided } from '../shared/decided';
import { DomainError, forbidden } from '../shared/domain-error';
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

export interface OpenRequestCommand extends OpenDecisionRequestInput {
  by: Principal;
  at: Date;
  /** The new request's id. */
  id: string;
}

/** What a new request is judged against: the region's authorities it may name. */
export interface RequestWorld {
  knownAuthorities: ReadonlySet<string>;
}

/** Puts a question to a cell with a deadline; the deadline is what later makes it escalate. */
export function openDecisionRequest(command: OpenRequestCommand, world: RequestWorld): Decided<DecisionRequest> {
  const { by: principal, at: now } = command;
  const authority = command.authority ?? (isOfficer(principal) ? principal.authority : undefined);
  if (!canOpenDecisionRequest(principal, { cell: command.cell, authority })) {
    throw forbidden('only people of the cell, officers for their own authority or regional coordinators may ask');
  }
  if (!canWriteMarking(principal, command.marking)) {
    throw forbidden('an OFFICIAL-SENSITIVE request needs OFFICIAL-SENSITIVE clearance');
  }
  const due = dueTime(command, now);
  const problems: ProblemFieldError[] = [...due.problems];
  if (authority !== undefined && !world.knownAuthorities.has(authority)) {
    problems.push({ path: 'authority', message: `unknown authority ${authority}` });
  }
  if (problems.length > 0 || due.at === undefined) {
    throw new DomainError('rule-violated', problems.map((p) => `${p.path}: ${p.message}`).join('; '), problems);
  }
  const request: DecisionRequest = {
    id: command.id,
    cell: command.cell,
    question: command.question,
    ...(command.context !== undefined && { context: command.context }),
    ...(command.options !== undefined && { options: [...command.options] }),
    dueAt: due.at,
    marking: command.marking,
    ...(authority !== undefined && { authority }),
    status: 'open',
    requestedBy: { sub: principal.sub, name: principal.name },
    requestedAt: now.toISOString(),
    version: 1,
  };
  return decided(request, decisionRequestEvent('decision-request.opened', request));
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
