import { decided, Decided } from '../shared/decided';
import { DomainEvent } from '../shared/domain-event';
import { IdentifiedAction, LogEntry } from '../decisions/decision';
import { FINAL_ACTION_STATUSES, identifiedActions, TrackedAction } from './action';
import { actionEvent } from './action-events';
import { advance } from './action-rules';

/** What logging an entry does to the action records: rows to insert and rows to update (at their version). */
export interface ActionChanges {
  created: TrackedAction[];
  updated: Array<{ action: TrackedAction; expectedVersion: number }>;
}

const NONE: ActionChanges = { created: [], updated: [] };

/** A logged decision's actions become tracked records, open, each with `action.created`. */
export function trackDecisionActions(entry: LogEntry): Decided<ActionChanges> {
  if (entry.body.kind !== 'decision') return decided(NONE);
  const { record } = entry.body;
  const created = identifiedActions(entry.id, record.actions).map((a) =>
    newAction(entry, { id: entry.id, sequence: entry.sequence }, a),
  );
  return decided(
    { created, updated: [] },
    ...created.map((a) => actionEvent('action.created', a, { actor: entry.recordedBy.name })),
  );
}

/**
 * An amendment's diff applied to the records of its decision: added actions created, changed ones corrected
 * (an overdue action given a later due time is open again), dropped ones dropped with the amendment's reason
 * (one already done or dropped keeps its final status). `existing` are the decision's records, locked.
 */
export function trackAmendedActions(
  entry: LogEntry,
  original: { id: string; sequence: number },
  existing: readonly TrackedAction[],
): Decided<ActionChanges> {
  if (entry.body.kind !== 'amendment' || entry.body.amendment.actionsDiff === undefined) return decided(NONE);
  const { actionsDiff: diff, reason } = entry.body.amendment;
  const at = new Date(entry.recordedAt);
  const actor = entry.recordedBy.name;
  const rows = new Map(existing.map((a) => [a.id, a]));
  const created = diff.added.map((a) => newAction(entry, original, a));
  const events: DomainEvent[] = created.map((a) =>
    actionEvent('action.created', a, { actor, note: reason, amendmentId: entry.id }),
  );
  const updated: ActionChanges['updated'] = [];
  for (const { id, after } of diff.changed) {
    const row = rows.get(id);
    if (row === undefined) continue;
    const reopened = row.status === 'overdue' && after.due !== undefined && Date.parse(after.due) > at.getTime();
    const status = reopened ? 'open' : row.status;
    const step = {
      at: entry.recordedAt,
      by: 'system' as const,
      kind: 'amended' as const,
      status,
      note: reason,
      amendmentId: entry.id,
    };
    const next = advance(row, at, { action: after.action, owner: after.owner, due: after.due, status }, step);
    updated.push({ action: next, expectedVersion: row.version });
    events.push(actionEvent('action.updated', next, { actor, note: reason, amendmentId: entry.id, change: 'changed' }));
  }
  for (const { id } of diff.dropped) {
    const row = rows.get(id);
    if (row === undefined || FINAL_ACTION_STATUSES.has(row.status)) continue;
    const step = {
      at: entry.recordedAt,
      by: 'system' as const,
      kind: 'amended' as const,
      status: 'dropped' as const,
      note: reason,
      amendmentId: entry.id,
    };
    const next = advance(row, at, { status: 'dropped' }, step);
    updated.push({ action: next, expectedVersion: row.version });
    events.push(actionEvent('action.updated', next, { actor, note: reason, amendmentId: entry.id, change: 'dropped' }));
  }
  return decided({ created, updated }, ...events);
}

function newAction(entry: LogEntry, decision: { id: string; sequence: number }, a: IdentifiedAction): TrackedAction {
  return {
    id: a.id,
    cell: entry.cell,
    decisionId: decision.id,
    decisionSequence: decision.sequence,
    action: a.action,
    owner: a.owner,
    ...(a.due !== undefined && { due: new Date(a.due).toISOString() }),
    status: 'open',
    marking: entry.marking,
    authorities: entry.authorities,
    createdAt: entry.recordedAt,
    updatedAt: entry.recordedAt,
    history: [
      {
        at: entry.recordedAt,
        by: entry.recordedBy,
        kind: 'created',
        status: 'open',
        ...(entry.body.kind === 'amendment' && { amendmentId: entry.id }),
      },
    ],
    version: 1,
  };
}
