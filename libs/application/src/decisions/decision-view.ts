import { ActionsDiff, DecisionRecord, LogEntry } from '@muster/domain';

type EntryViewBase = Omit<LogEntry, 'body'>;

export type DecisionEntryView = EntryViewBase & { kind: 'decision' } & DecisionRecord;
export type AmendmentEntryView = EntryViewBase & {
  kind: 'amendment';
  amends: string;
  reason: string;
  changes: Record<string, unknown>;
  /** What it added, changed and dropped of the decision's actions, when it amended them. */
  actionsDiff?: ActionsDiff;
};
export type EntryView = DecisionEntryView | AmendmentEntryView;

/** What clients see of a log entry: the stored fields, flattened. */
export function toEntryView(entry: LogEntry): EntryView {
  const base: EntryViewBase = {
    id: entry.id,
    cell: entry.cell,
    sequence: entry.sequence,
    marking: entry.marking,
    authorities: entry.authorities,
    recordedAt: entry.recordedAt,
    recordedBy: entry.recordedBy,
    hash: entry.hash,
    prevHash: entry.prevHash,
  };
  if (entry.body.kind === 'decision') {
    return { ...base, kind: 'decision', ...entry.body.record };
  }
  return {
    ...base,
    kind: 'amendment',
    amends: entry.body.amends,
    reason: entry.body.amendment.reason,
    changes: entry.body.amendment.changes,
    ...(entry.body.amendment.actionsDiff !== undefined && { actionsDiff: entry.body.amendment.actionsDiff }),
  };
}
