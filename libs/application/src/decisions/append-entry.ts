import { randomUUID } from 'node:crypto';
import {
  Decided,
  DecisionInput,
  DecisionLogState,
  DomainError,
  DomainEvent,
  LogEntry,
  logDecision,
  Principal,
} from '@muster/domain';
import { Clock } from '../ports/clock';
import { BatchItemsRefused, Transaction } from '../ports/transaction';
import type { RequestScope } from '../ports/request-scope';
import { LoggedDecision } from './log-decision/log-decision.command';
import { DecisionLogWriter } from '../ports/writers/decision-log.writer';
import { trackEntryActions } from '../actions/track-entry-actions';

/** Where a new entry meets its cell's log, under the lock: the head, the journal position and the time. */
export interface LogPosition extends Omit<DecisionLogState, 'knownAuthorities'> {
  at: Date;
  /** The new entry's id. */
  id: string;
}

/** One entry waiting for its cell's log: the rule that appends it there, and what its request answers once it has. */
export interface EntryDraft<T> {
  principal: Principal;
  /** The rule (logDecision, amendDecision) deciding the entry and its event onto the log as it stands. */
  decide(position: LogPosition): Decided<LogEntry>;
  outcome(entry: LogEntry): T;
  /** For an amendment: the decision it amends, whose tracked actions it may change. */
  amends?: { id: string; sequence: number };
}

/** The response to an append: the entry's place in the chain. */
export const loggedOf = (entry: LogEntry): LoggedDecision => ({
  id: entry.id,
  sequence: entry.sequence,
  hash: entry.hash,
  prevHash: entry.prevHash,
  recordedAt: entry.recordedAt,
});

/**
 * Decides each draft, in order, onto its cell's locked head, and journals its events under its request's
 * scope; returns each draft's outcome. Recording times are taken under the lock, so they follow chain order;
 * a draft its rule refuses fails alone (BatchItemsRefused), and the rest are appended without it.
 */
export async function appendDrafts<T>(
  tx: Transaction,
  clock: Clock,
  cell: string,
  batch: ReadonlyArray<{ item: EntryDraft<T>; scope?: RequestScope }>,
): Promise<T[]> {
  const locked = await tx.get(DecisionLogWriter).lockHead(cell);
  let head = locked.head;
  const appended: Array<{ item: EntryDraft<T>; scope?: RequestScope } & Decided<LogEntry>> = [];
  const refusals = new Map<number, Error>();
  batch.forEach(({ item, scope }, index) => {
    try {
      const { state, events } = item.decide({
        head,
        journalPosition: locked.journalPosition,
        at: clock.now(),
        id: randomUUID(),
      });
      head = { sequence: state.sequence, hash: state.hash };
      appended.push({ item, scope, state, events });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      refusals.set(index, error);
    }
  });
  if (refusals.size > 0) throw new BatchItemsRefused(refusals);
  await tx.get(DecisionLogWriter).append(appended.map(({ state }) => state));
  // In chain order, so a later amendment of the same decision meets the records an earlier one left.
  const tracked: DomainEvent[][] = [];
  for (const { item, state } of appended) tracked.push(await trackEntryActions(tx, state, item.amends));
  await tx.journal.appendEach(
    appended.map(({ item, scope, events }, index) => ({
      events: [...events, ...(tracked[index] ?? [])],
      actor: item.principal.sub,
      scope,
    })),
  );
  return appended.map(({ item, state }) => item.outcome(state));
}

/** Appends one entry onto the head of its cell's log and journals its events, inside the caller's unit of work. */
export async function appendEntry<T>(tx: Transaction, clock: Clock, cell: string, draft: EntryDraft<T>): Promise<T> {
  try {
    const [outcome] = await appendDrafts(tx, clock, cell, [{ item: draft }]);
    if (outcome === undefined) throw new Error('appending one draft gave no outcome');
    return outcome;
  } catch (error) {
    // Alone, a refused draft is the caller's refusal.
    throw error instanceof BatchItemsRefused ? (error.refusals.get(0) ?? error) : error;
  }
}

/** A decision as a draft, judged under the lock by logDecision, with the request it answers if any. */
export function decisionDraft<T = LoggedDecision>(
  principal: Principal,
  cell: string,
  input: DecisionInput,
  knownAuthorities: ReadonlySet<string>,
  links: { decisionRequestId?: string } = {},
  outcome: (entry: LogEntry) => T = loggedOf as (entry: LogEntry) => T,
): EntryDraft<T> {
  return {
    principal,
    decide: ({ head, journalPosition, at, id }) =>
      logDecision({ by: principal, at, id, cell, input, ...links }, { head, journalPosition, knownAuthorities }),
    outcome,
  };
}
