import { DomainError, ruleViolated } from '../shared/domain-error';
import { Amendment, DecisionRecord, LogEntry } from './decision';
import { authorityProblems } from './log-decision';

export interface PreparedAmendment {
  amendment: Amendment;
  /** The authorities the amendment concerns: the original's and any it adds. */
  authorities: string[];
}

/**
 * A correction is a new entry pointing at the original, never an edit. The corrected record must
 * still satisfy the log's rules.
 */
export function prepareAmendment(
  original: LogEntry,
  amendment: Amendment,
  knownAuthorities: ReadonlySet<string>,
): PreparedAmendment {
  if (original.body.kind !== 'decision') {
    throw ruleViolated('id', 'an amendment cannot itself be amended; amend the original decision');
  }
  if (Object.keys(amendment.changes).length === 0) {
    throw ruleViolated('changes', 'must change at least one field');
  }
  const corrected = { ...original.body.record, ...withoutAuthorities(amendment.changes) };
  const problems = authorityProblems(amendment.changes.authorities ?? [], knownAuthorities).map((p) => ({
    ...p,
    path: `changes.${p.path}`,
  }));
  if (!corrected.options.some((option) => option.chosen)) {
    problems.push({ path: 'changes.options', message: 'at least one option must be chosen' });
  }
  if (corrected.reviewBy !== undefined && Date.parse(corrected.reviewBy) <= Date.parse(corrected.decidedAt)) {
    problems.push({ path: 'changes.reviewBy', message: 'must be after decidedAt' });
  }
  if (problems.length > 0) {
    throw new DomainError('rule-violated', problems.map((p) => `${p.path}: ${p.message}`).join('; '), problems);
  }
  const authorities = [...new Set([...original.authorities, ...(amendment.changes.authorities ?? [])])].sort();
  return { amendment, authorities };
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
