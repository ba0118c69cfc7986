import { DomainEvent, LogEntry, trackAmendedActions, trackDecisionActions } from '@muster/domain';
import { Transaction } from '../ports/transaction';
import { ActionWriter } from '../ports/writers/action.writer';

/**
 * A log entry's actions, tracked in the entry's own transaction: a decision's become records; an
 * amendment's diff adds, corrects and drops them on the decision's locked records. Returns the events to
 * journal beside the entry's.
 */
export async function trackEntryActions(
  tx: Transaction,
  entry: LogEntry,
  original: { id: string; sequence: number } | undefined,
): Promise<DomainEvent[]> {
  const writer = tx.get(ActionWriter);
  if (entry.body.kind === 'decision') {
    const { state, events } = trackDecisionActions(entry);
    for (const action of state.created) await writer.insert(action);
    return events;
  }
  if (entry.body.amendment.actionsDiff === undefined || original === undefined) return [];
  const existing = await writer.lockOfDecision(original.id);
  const { state, events } = trackAmendedActions(entry, original, existing);
  for (const action of state.created) await writer.insert(action);
  for (const { action, expectedVersion } of state.updated) await writer.update(action, expectedVersion);
  return events;
}
