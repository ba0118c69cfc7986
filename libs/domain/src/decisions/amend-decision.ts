import { Principal } from '../access/principal';
import { decided, Decided } from '../shared/decided';
import { DomainError, ruleViolated } from '../shared/domain-error';
import { actionId, identifiedActions } from '../actions/action';
import { diffActions } from '../actions/action-diff';
import { Amendment, DecisionRecord, LogEntry } from './decision';
import { decisionAmended } from './decision-events';
import { linkEntry } from './hash-chain';
import { authorityProblems, DecisionLogState, recordProblems } from './log-decision';

export interface AmendDecisionCommand {
  by: Principal;
  /** When the correction is recorded, under the cell's lock. */
  at: Date;
  /** The new entry's id. */
  id: string;
  amendment: Amendment;
}

/** The log as a correction meets it: the decision it corrects and the corrections already made. */
export interface AmendedLogState extends DecisionLogState {
  original: LogEntry;
  /** The amendments already in the log, in any order; only those of this original count. */
  earlier: readonly LogEntry[];
}

/**
 * A correction is a new entry pointing at the original, never an edit. The record it leaves (the original
 * with every amendment so far and this one) must pass the rules of a new decision, judged at the time the
 * original was recorded: a correction cannot date a decision after its own recording, nor move it back
 * past the grace period unless the record gives a reason for the delay.
 */
export function amendDecision(
  { by, at, id, amendment }: AmendDecisionCommand,
  log: AmendedLogState,
): Decided<LogEntry> {
  const { original } = log;
  if (original.body.kind !== 'decision') {
    throw ruleViolated('id', 'an amendment cannot itself be amended; amend the original decision');
  }
  if (Object.keys(amendment.changes).length === 0) {
    throw ruleViolated('changes', 'must change at least one field');
  }
  const earlier = log.earlier
    .filter((entry) => entry.body.kind === 'amendment' && entry.body.amends === original.id)
    .sort((a, b) => a.sequence - b.sequence);
  const before = currentRecord(original.body.record, earlier);
  const amendedActions =
    amendment.changes.actions === undefined
      ? undefined
      : diffActions(identifiedActions(original.id, before.actions), amendment.changes.actions, (index) =>
          actionId(id, index),
        );
  // The stored amendment names every action by its identity and says what it added, changed and dropped.
  const stored: Amendment =
    amendedActions === undefined
      ? amendment
      : {
          ...amendment,
          changes: { ...amendment.changes, actions: amendedActions.list },
          actionsDiff: amendedActions.diff,
        };
  const corrected = { ...before, ...withoutAuthorities(stored.changes) };
  const problems = [
    ...authorityProblems(amendment.changes.authorities ?? [], log.knownAuthorities),
    ...recordProblems(corrected, new Date(original.recordedAt)),
    ...(amendedActions?.problems ?? []),
  ].map((p) => ({ ...p, path: `changes.${p.path}` }));
  if (problems.length > 0) {
    throw new DomainError('rule-violated', problems.map((p) => `${p.path}: ${p.message}`).join('; '), problems);
  }
  const entry = linkEntry(
    {
      id,
      cell: original.cell,
      // A correction carries the original's marking: it is about the same matter.
      marking: original.marking,
      // The authorities it concerns: the original's and any it adds.
      authorities: [...new Set([...original.authorities, ...(amendment.changes.authorities ?? [])])].sort(),
      recordedAt: at.toISOString(),
      recordedBy: { sub: by.sub, name: by.name },
      body: { kind: 'amendment', amends: original.id, amendment: stored },
    },
    log.head,
  );
  return decided(entry, decisionAmended(entry));
}

/** The record as it reads after its amendments, oldest first. */
export function currentRecord(original: DecisionRecord, amendments: readonly LogEntry[]): DecisionRecord {
  return amendments.reduce<DecisionRecord>(
    (record, entry) =>
      entry.body.kind === 'amendment' ? { ...record, ...withoutAuthorities(entry.body.amendment.changes) } : record,
    original,
  );
}

function withoutAuthorities(changes: Amendment['changes']): Partial<DecisionRecord> {
  const { authorities: _authorities, ...rest } = changes;
  return rest;
}
