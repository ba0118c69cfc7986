import { Marking } from '@muster/contracts';
import { canWriteMarking } from '../access/policy';
import { Principal } from '../access/principal';
import { decided, Decided } from '../shared/decided';
import { forbidden } from '../shared/domain-error';
import { DecisionRequest } from '../decision-requests/decision-request';
import { AckSla, Escalation, HistoryStep, Severity } from './escalation';
import { canRaiseEscalation } from './escalation-access';
import { ackDueFrom, actorOf } from './escalation-change';
import { escalationEvent } from './escalation-events';
import { checkAhead } from './escalation-updates';

export interface RaiseEscalationInput {
  authority: string;
  cell: string;
  title: string;
  detail: string;
  severity: Severity;
  ask?: string;
  marking: Marking;
  /** When the raiser needs an answer by: ahead of raising, within NEEDED_BY_MAX_AHEAD_MS. */
  neededBy?: string;
}

export interface RaiseCommand extends RaiseEscalationInput {
  by: Principal;
  at: Date;
  sla: AckSla;
  /** The new escalation's id. */
  id: string;
}

export interface RaiseOverdueCommand {
  at: Date;
  sla: AckSla;
  id: string;
}

export const TITLE_MAX_LENGTH = 200;

/** How far ahead a raiser may say they need an answer by: a year, beyond which it is no deadline at all. */
export const NEEDED_BY_MAX_AHEAD_MS = 366 * 24 * 3600 * 1000;

/** Every escalation starts at the cell, open, with the cell's acknowledgement deadline running. Nothing precedes it. */
export function raiseEscalation(command: RaiseCommand): Decided<Escalation> {
  const { by } = command;
  if (!canRaiseEscalation(by, command)) {
    throw forbidden('only officers of the authority, people of the cell or regional coordinators may raise this');
  }
  if (!canWriteMarking(by, command.marking)) {
    throw forbidden('raising an OFFICIAL-SENSITIVE escalation needs OFFICIAL-SENSITIVE clearance');
  }
  if (command.neededBy !== undefined) {
    checkAhead('neededBy', new Date(command.neededBy), command.at, NEEDED_BY_MAX_AHEAD_MS);
  }
  const at = command.at.toISOString();
  const actor = actorOf(by);
  const ackDueAt = ackDueFrom(command.at, command.sla, command.severity);
  const step: HistoryStep = { step: 'raised', at, actor, level: 'cell', ackDueAt };
  const escalation: Escalation = {
    id: command.id,
    authority: command.authority,
    cell: command.cell,
    title: command.title,
    detail: command.detail,
    severity: command.severity,
    ...(command.ask !== undefined && { ask: command.ask }),
    marking: command.marking,
    ...(command.neededBy !== undefined && { neededBy: new Date(command.neededBy).toISOString() }),
    raisedBy: actor,
    raisedAt: at,
    level: 'cell',
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
  const step: HistoryStep = { step: 'raised', at, actor: 'system', level: 'regional', ackDueAt };
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
