import { Marking } from '@muster/contracts';
import { canWriteMarking } from '../access/policy';
import { Principal } from '../access/principal';
import { decided, Decided } from '../shared/decided';
import { forbidden } from '../shared/domain-error';
import { DecisionRequest } from '../decision-requests/decision-request';
import { AckSla, Escalation, HeldBy, HistoryStep, Severity } from './escalation';
import { canRaiseEscalation } from './escalation-access';
import { ackDueFrom, actorOf } from './escalation-change';
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

export interface RaiseCommand extends RaiseEscalationInput {
  by: Principal;
  at: Date;
  sla: AckSla;
  /** The new escalation's id. */
  id: string;
  /** Who holds the cell's level now (the rota's holder, read by the handler). */
  heldBy?: HeldBy;
}

export interface RaiseOverdueCommand {
  at: Date;
  sla: AckSla;
  id: string;
  /** Who holds the regional level now. */
  heldBy?: HeldBy;
}

export const TITLE_MAX_LENGTH = 200;

/** Every escalation starts at the cell, open, with the cell's acknowledgement deadline running. Nothing precedes it. */
export function raiseEscalation(command: RaiseCommand): Decided<Escalation> {
  const { by } = command;
  if (!canRaiseEscalation(by, command)) {
    throw forbidden('only officers of the authority, people of the cell or regional coordinators may raise this');
  }
  if (!canWriteMarking(by, command.marking)) {
    throw forbidden('raising an OFFICIAL-SENSITIVE escalation needs OFFICIAL-SENSITIVE clearance');
  }
  const at = command.at.toISOString();
  const actor = actorOf(by);
  const ackDueAt = ackDueFrom(command.at, command.sla, command.severity);
  const heldBy = command.heldBy;
  const step: HistoryStep = { step: 'raised', at, actor, level: 'cell', ackDueAt, ...(heldBy && { heldBy }) };
  const escalation: Escalation = {
    id: command.id,
    authority: command.authority,
    cell: command.cell,
    title: command.title,
    detail: command.detail,
    severity: command.severity,
    ...(command.ask !== undefined && { ask: command.ask }),
    marking: command.marking,
    raisedBy: actor,
    raisedAt: at,
    level: 'cell',
    ...(heldBy && { heldBy }),
    status: 'open',
    ackDueAt,
    overdue: false,
    version: 1,
    history: [step],
  };
  return decided(escalation, escalationEvent('escalation.raised', escalation, step));
}

/** The severity of an escalation raised because a decision deadline passed. */
export const OVERDUE_REQUEST_SEVERITY: Severity = 'high';

/**
 * A missed decision deadline goes straight to regional coordination: the cell already failed to
 * answer, so asking the cell to acknowledge its own silence would only add a wait. The state it is raised
 * from is the overdue request.
 */
export function raiseOverdueEscalation(command: RaiseOverdueCommand, request: DecisionRequest): Decided<Escalation> {
  const at = command.at.toISOString();
  const severity = OVERDUE_REQUEST_SEVERITY;
  const ackDueAt = ackDueFrom(command.at, command.sla, severity);
  const heldBy = command.heldBy;
  const step: HistoryStep = {
    step: 'raised',
    at,
    actor: 'system',
    level: 'regional',
    ackDueAt,
    ...(heldBy && { heldBy }),
  };
  const escalation: Escalation = {
    id: command.id,
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
    ...(heldBy && { heldBy }),
    status: 'open',
    ackDueAt,
    overdue: false,
    decisionRequestId: request.id,
    version: 1,
    history: [step],
  };
  return decided(escalation, escalationEvent('escalation.raised', escalation, step));
}

/** Cuts by code point, so an emoji or accented letter is never split in half. */
function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
