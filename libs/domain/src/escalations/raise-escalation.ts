import { Marking } from '@muster/contracts';
import { canWriteMarking } from '../access/policy';
import { Principal } from '../access/principal';
import { forbidden } from '../shared/domain-error';
import { DecisionRequest } from '../decision-requests/decision-request';
import { AckSla, Escalation, HistoryStep, Severity } from './escalation';
import { canRaiseEscalation } from './escalation-access';
import { ackDueFrom, actorOf, EscalationChange } from './escalation-change';
import { escalationEvent } from './escalation-events';

export interface RaiseEscalationInput {
  authority: string;
  cell: string;
  title: string;
  detail: string;
  severity: Severity;
  ask?: string;
  marking: Marking;
}

export interface RaiseContext {
  principal: Principal;
  now: Date;
  sla: AckSla;
  id: string;
}

export const TITLE_MAX_LENGTH = 200;

/** Every escalation starts at the cell, open, with the cell's acknowledgement deadline running. */
export function raiseEscalation(input: RaiseEscalationInput, ctx: RaiseContext): EscalationChange {
  const { principal } = ctx;
  if (!canRaiseEscalation(principal, input)) {
    throw forbidden('only officers of the authority, people of the cell or regional coordinators may raise this');
  }
  if (!canWriteMarking(principal, input.marking)) {
    throw forbidden('raising an OFFICIAL-SENSITIVE escalation needs OFFICIAL-SENSITIVE clearance');
  }
  const at = ctx.now.toISOString();
  const actor = actorOf(principal);
  const ackDueAt = ackDueFrom(ctx.now, ctx.sla, input.severity);
  const step: HistoryStep = { step: 'raised', at, actor, level: 'cell', ackDueAt };
  const escalation: Escalation = {
    id: ctx.id,
    authority: input.authority,
    cell: input.cell,
    title: input.title,
    detail: input.detail,
    severity: input.severity,
    ...(input.ask !== undefined && { ask: input.ask }),
    marking: input.marking,
    raisedBy: actor,
    raisedAt: at,
    level: 'cell',
    status: 'open',
    ackDueAt,
    overdue: false,
    version: 1,
    history: [step],
  };
  return { escalation, event: escalationEvent('escalation.raised', escalation, step) };
}

/** The severity of an escalation raised because a decision deadline passed. */
export const OVERDUE_REQUEST_SEVERITY: Severity = 'high';

/**
 * A missed decision deadline goes straight to regional coordination: the cell already failed to
 * answer, so asking the cell to acknowledge its own silence would only add a wait.
 */
export function raiseOverdueEscalation(
  request: DecisionRequest,
  ctx: { now: Date; sla: AckSla; id: string },
): EscalationChange {
  const at = ctx.now.toISOString();
  const severity = OVERDUE_REQUEST_SEVERITY;
  const ackDueAt = ackDueFrom(ctx.now, ctx.sla, severity);
  const step: HistoryStep = { step: 'raised', at, actor: 'system', level: 'regional', ackDueAt };
  const escalation: Escalation = {
    id: ctx.id,
    ...(request.authority !== undefined && { authority: request.authority }),
    cell: request.cell,
    title: truncate(`Decision overdue: ${request.question}`, TITLE_MAX_LENGTH),
    detail:
      `Decision request ${request.id} to the ${request.cell} cell was due by ${request.dueAt} ` +
      `and had not been decided at ${at}.`,
    severity,
    marking: request.marking,
    raisedBy: 'system',
    raisedAt: at,
    level: 'regional',
    status: 'open',
    ackDueAt,
    overdue: false,
    decisionRequestId: request.id,
    version: 1,
    history: [step],
  };
  return { escalation, event: escalationEvent('escalation.raised', escalation, step) };
}

/** Cuts by code point, so an emoji or accented letter is never split in half. */
function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
