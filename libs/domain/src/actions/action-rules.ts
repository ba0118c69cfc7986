import { Principal } from '../access/principal';
import { Recorder } from '../decisions/decision';
import { decided, Decided, unchanged } from '../shared/decided';
import { DomainError, forbidden, ruleViolated } from '../shared/domain-error';
import { ActionHistoryEntry, ActionStatus, FINAL_ACTION_STATUSES, TrackedAction } from './action';
import { canUpdateAction } from './action-access';
import { actionEvent } from './action-events';

export interface UpdateActionCommand {
  by: Principal;
  at: Date;
  /** Only a final status may be set by hand; `open` and `overdue` follow from the due time. */
  status?: Extract<ActionStatus, 'done' | 'dropped'>;
  note?: string;
}

/**
 * The owner, the cell's lead or a regional coordinator reports progress: done, dropped (with a reason), or a
 * note alone. Done and dropped are final: after either the action changes no more (409).
 */
export function updateAction(command: UpdateActionCommand, action: TrackedAction): Decided<TrackedAction> {
  const { by, at, status } = command;
  const note = command.note?.trim() === '' ? undefined : command.note;
  if (!canUpdateAction(by, action)) {
    throw forbidden('only the action’s owner, the cell’s lead or a regional coordinator may update it');
  }
  if (status === undefined && note === undefined) throw ruleViolated('status', 'give a status, a note or both');
  if (status === 'dropped' && note === undefined) throw ruleViolated('note', 'is required to drop an action: say why');
  if (FINAL_ACTION_STATUSES.has(action.status)) {
    throw new DomainError('conflict', `the action is ${action.status}; it changes no more`);
  }
  const next = status ?? action.status;
  const recorder: Recorder = { sub: by.sub, name: by.name };
  const step: ActionHistoryEntry = {
    at: at.toISOString(),
    by: recorder,
    kind: 'updated',
    status: next,
    ...(note !== undefined && { note }),
  };
  const updated = advance(action, at, { status: next }, step);
  return decided(updated, actionEvent('action.updated', updated, { actor: by.name, note }));
}

/**
 * The due time passed. The timer may fire late, early or twice, so only an open action past its due time
 * becomes overdue; anything else changes nothing. Overdue happens once per due time.
 */
export function markActionOverdue({ at }: { at: Date }, action: TrackedAction): Decided<TrackedAction> {
  const due = pendingActionDue(action);
  if (due === undefined || at.getTime() < Date.parse(due)) return unchanged(action);
  const overdue = advance(
    action,
    at,
    { status: 'overdue' },
    { at: at.toISOString(), by: 'system', kind: 'overdue', status: 'overdue' },
  );
  return decided(overdue, actionEvent('action.overdue', overdue, { actor: 'system' }));
}

/** When the overdue timer should fire for this action, if it needs one. */
export function pendingActionDue(action: Pick<TrackedAction, 'status' | 'due'>): string | undefined {
  return action.status === 'open' ? action.due : undefined;
}

/** The action with changes applied, one step more in its history and one version on. */
export function advance(
  action: TrackedAction,
  at: Date,
  changes: Partial<Pick<TrackedAction, 'action' | 'owner' | 'due' | 'status'>>,
  step: ActionHistoryEntry,
): TrackedAction {
  const next: TrackedAction = {
    ...action,
    ...changes,
    updatedAt: at.toISOString(),
    history: [...action.history, step],
    version: action.version + 1,
  };
  if ('due' in changes && changes.due === undefined) delete next.due;
  return next;
}
