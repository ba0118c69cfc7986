import { createHash } from 'node:crypto';
import { Marking } from '@muster/contracts';
import { DecisionAction, IdentifiedAction, Recorder } from '../decisions/decision';

export type ActionStatus = 'open' | 'done' | 'dropped' | 'overdue';

/** Done and dropped are final: nothing changes an action after either. */
export const FINAL_ACTION_STATUSES: ReadonlySet<ActionStatus> = new Set(['done', 'dropped']);

/** One step of an action's history, oldest first. */
export interface ActionHistoryEntry {
  at: string;
  /** A person, or `system`: the log's own tracking (an amendment) and the due time passing. */
  by: Recorder | 'system';
  kind: 'created' | 'updated' | 'amended' | 'overdue';
  status: ActionStatus;
  note?: string;
  /** The amendment that changed or dropped it. */
  amendmentId?: string;
}

/**
 * An action of a logged decision, tracked: who does what by when, and how it stands. Its marking and
 * authorities are its decision's, so need to know reaches it exactly as it reaches the decision.
 */
export interface TrackedAction {
  id: string;
  cell: string;
  decisionId: string;
  decisionSequence: number;
  action: string;
  owner: string;
  due?: string;
  status: ActionStatus;
  marking: Marking;
  authorities: string[];
  createdAt: string;
  updatedAt: string;
  history: ActionHistoryEntry[];
  version: number;
}

/**
 * An action's identity, derived from the log entry that introduced it and its place there: the same on every
 * process and every replay, so a decider stays pure and a re-run never makes a second record. Shaped as a
 * UUID (version 8, name-based) because lists page by a UUID; its first groups are the entry's and the place,
 * so lists, which order by creation and then id, give one decision's actions in the order it gave them.
 */
export function actionId(entryId: string, index: number): string {
  const entry = createHash('sha256').update(entryId).digest('hex');
  const hex = createHash('sha256')
    .update(`${entryId}/actions/${String(index)}`)
    .digest('hex');
  const place = index.toString(16).padStart(4, '0').slice(-4);
  const variant = ((parseInt(hex.slice(0, 1), 16) & 0x3) | 0x8).toString(16);
  return `${entry.slice(0, 8)}-${place}-8${hex.slice(1, 4)}-${variant}${hex.slice(4, 7)}-${hex.slice(7, 19)}`;
}

/** A decision's actions with their identities: those it stored, or for a decision logged before ids, their place. */
export function identifiedActions(decisionId: string, actions: readonly DecisionAction[]): IdentifiedAction[] {
  return actions.map((a, index) => ({
    id: a.id ?? actionId(decisionId, index),
    action: a.action,
    owner: a.owner,
    ...(a.due !== undefined && { due: a.due }),
  }));
}
