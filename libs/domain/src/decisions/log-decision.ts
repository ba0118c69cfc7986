import { Marking } from '@muster/contracts';
import { canWriteMarking } from '../access/policy';
import { Principal } from '../access/principal';
import { decided, Decided } from '../shared/decided';
import { DomainError, forbidden } from '../shared/domain-error';
import { ChainHead, DecisionAction, DecisionRecord, LogEntry } from './decision';
import { decisionLogged } from './decision-events';
import { linkEntry } from './hash-chain';
import { identifiedActions } from '../actions/action';

/** JDM: record at the first reasonable opportunity; a longer gap needs a stated reason. */
export const RECORDING_GRACE_MS = 15 * 60_000;
/** Clocks drift; a decision "taken" further ahead than this is a typing mistake, not skew. */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;

/** What a recorder submits: the record, with who decided and actions optional, plus marking and scope. */
export type DecisionInput = Omit<DecisionRecord, 'decidedBy' | 'actions' | 'decisionRequestId' | 'journalPosition'> & {
  decidedBy?: string;
  actions?: DecisionAction[];
  marking: Marking;
  authorities?: string[];
};

export interface LogDecisionCommand {
  by: Principal;
  /** When it is recorded: taken under the cell's lock, so recording times follow the chain's order. */
  at: Date;
  /** The new entry's id. */
  id: string;
  cell: string;
  input: DecisionInput;
  /** The decision request this decision answers, if it answers one. */
  decisionRequestId?: string;
}

/** A cell's decision log as a new entry meets it: its head (locked), the journal position reached, the region's authorities. */
export interface DecisionLogState {
  head: ChainHead | undefined;
  journalPosition: number;
  knownAuthorities: ReadonlySet<string>;
}

/**
 * Applies the decision-log rules and links the decision onto the cell's log: the new head entry and its
 * `decision.logged` event, or a refusal naming each broken rule.
 */
export function logDecision(command: LogDecisionCommand, log: DecisionLogState): Decided<LogEntry> {
  const { by, at, input } = command;
  if (!canWriteMarking(by, input.marking)) {
    throw forbidden('recording an OFFICIAL-SENSITIVE decision needs OFFICIAL-SENSITIVE clearance');
  }
  const problems = [...recordProblems(input, at), ...authorityProblems(input.authorities ?? [], log.knownAuthorities)];
  if (problems.length > 0) {
    throw new DomainError('rule-violated', problems.map((p) => `${p.path}: ${p.message}`).join('; '), problems);
  }
  const record: DecisionRecord = {
    title: input.title,
    decision: input.decision,
    rationale: input.rationale,
    informationAvailable: input.informationAvailable,
    risks: input.risks,
    powersAndPolicy: input.powersAndPolicy,
    options: input.options,
    decidedBy: input.decidedBy ?? by.name,
    decidedAt: new Date(input.decidedAt).toISOString(),
    delayReason: input.delayReason,
    // Each action gets its tracked identity now, so amendments name it and it becomes a record (actions/).
    actions: identifiedActions(command.id, input.actions ?? []).map((a) => ({
      ...a,
      ...(a.due !== undefined && { due: new Date(a.due).toISOString() }),
    })),
    reviewBy: input.reviewBy === undefined ? undefined : new Date(input.reviewBy).toISOString(),
    ...(command.decisionRequestId !== undefined && { decisionRequestId: command.decisionRequestId }),
    journalPosition: log.journalPosition,
  };
  const entry = linkEntry(
    {
      id: command.id,
      cell: command.cell,
      marking: input.marking,
      authorities: [...new Set(input.authorities ?? [])].sort(),
      recordedAt: at.toISOString(),
      recordedBy: { sub: by.sub, name: by.name },
      body: { kind: 'decision', record },
    },
    log.head,
  );
  return decided(entry, decisionLogged(entry));
}

type Problem = { path: string; message: string };

/**
 * The rules on the record itself, judged at the time it is recorded: now for a new decision, the original's
 * recording time for a record corrected by amendments.
 */
export function recordProblems(
  record: Pick<DecisionInput, 'options' | 'decidedAt' | 'delayReason' | 'reviewBy'>,
  recordedAt: Date,
): Problem[] {
  const problems: Problem[] = [];
  if (!record.options.some((option) => option.chosen)) {
    problems.push({ path: 'options', message: 'at least one option must be chosen' });
  }
  const decidedAt = new Date(record.decidedAt).getTime();
  if (decidedAt > recordedAt.getTime() + FUTURE_TOLERANCE_MS) {
    problems.push({ path: 'decidedAt', message: 'is later than the time the decision is recorded' });
  }
  const delayed = recordedAt.getTime() - decidedAt > RECORDING_GRACE_MS;
  if (delayed && (record.delayReason === undefined || record.delayReason.trim() === '')) {
    problems.push({
      path: 'delayReason',
      message: 'is required when a decision is recorded more than 15 minutes after it was taken',
    });
  }
  if (record.reviewBy !== undefined && new Date(record.reviewBy).getTime() <= decidedAt) {
    problems.push({ path: 'reviewBy', message: 'must be after decidedAt' });
  }
  return problems;
}

export function authorityProblems(codes: readonly string[], known: ReadonlySet<string>): Problem[] {
  return codes.flatMap((code, index) =>
    known.has(code) ? [] : [{ path: `authorities.${index}`, message: `unknown authority ${code}` }],
  );
}
