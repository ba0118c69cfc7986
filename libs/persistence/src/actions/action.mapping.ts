import type { TrackedAction } from '@muster/domain';
import { ActionEntity } from '../entities';

export function toTrackedAction(row: ActionEntity): TrackedAction {
  return {
    id: row.id,
    cell: row.cell,
    decisionId: row.decisionId,
    decisionSequence: row.decisionSequence,
    action: row.action,
    owner: row.owner,
    ...(row.due !== null && { due: row.due.toISOString() }),
    status: row.status,
    marking: row.marking,
    authorities: row.authorities,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    history: row.history,
    version: row.version,
  };
}

export function actionRow(a: TrackedAction): ActionEntity {
  const row = new ActionEntity();
  Object.assign(row, {
    id: a.id,
    cell: a.cell,
    decisionId: a.decisionId,
    decisionSequence: a.decisionSequence,
    action: a.action,
    owner: a.owner,
    due: a.due === undefined ? null : new Date(a.due),
    status: a.status,
    marking: a.marking,
    authorities: a.authorities,
    createdAt: new Date(a.createdAt),
    updatedAt: new Date(a.updatedAt),
    history: a.history,
    version: a.version,
  });
  return row;
}
