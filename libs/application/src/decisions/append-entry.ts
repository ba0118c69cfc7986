import { randomUUID } from 'node:crypto';
import {
  ChainHead,
  DecisionRecord,
  decisionLogged,
  DomainEvent,
  EntryContent,
  linkEntry,
  LogEntry,
  PreparedDecision,
  Principal,
} from '@muster/domain';
import { Clock } from '../ports/clock';
import { LockedHead, Transaction } from '../ports/transaction';
import { LoggedDecision } from './log-decision/log-decision.command';

type NewContent = Pick<EntryContent, 'cell' | 'marking' | 'authorities' | 'body'>;

/** One entry waiting to be linked onto its cell's log, and what its request answers once it is. */
export interface EntryDraft<T> {
  principal: Principal;
  /** The content, given the journal position the system had reached when the head was locked. */
  content(journalPosition: number): NewContent;
  eventOf(entry: LogEntry): DomainEvent;
  outcome(logged: LoggedDecision): T;
}

/**
 * Links each item's draft, in order, onto a locked head. Recording times are taken under the lock, so
 * they follow chain order.
 */
export function linkDrafts<B extends { item: EntryDraft<unknown> }>(
  clock: Clock,
  locked: LockedHead,
  batch: readonly B[],
): Array<[B, LogEntry]> {
  let head = locked.head;
  return batch.map((batched): [B, LogEntry] => {
    const entry = linkDraft(clock, locked.journalPosition, head, batched.item);
    head = { sequence: entry.sequence, hash: entry.hash };
    return [batched, entry];
  });
}

function linkDraft(clock: Clock, journalPosition: number, head: ChainHead | undefined, draft: EntryDraft<unknown>): LogEntry {
  return linkEntry(
    {
      ...draft.content(journalPosition),
      id: randomUUID(),
      recordedAt: clock.now().toISOString(),
      recordedBy: { sub: draft.principal.sub, name: draft.principal.name },
    },
    head,
  );
}

export function loggedOf(entry: LogEntry): LoggedDecision {
  return { id: entry.id, sequence: entry.sequence, hash: entry.hash, prevHash: entry.prevHash, recordedAt: entry.recordedAt };
}

/** Links one entry onto the head of its cell's log and journals its event, inside the caller's unit of work. */
export async function appendEntry<T>(tx: Transaction, clock: Clock, cell: string, draft: EntryDraft<T>): Promise<T> {
  const locked = await tx.decisions.lockHead(cell);
  const entry = linkDraft(clock, locked.journalPosition, locked.head, draft);
  await tx.decisions.append([entry]);
  await tx.journal.append([draft.eventOf(entry)], draft.principal.sub);
  return draft.outcome(loggedOf(entry));
}

/** A prepared decision as a draft, with the links only its handler knows (a request it answers). */
export function decisionDraft(
  principal: Principal,
  cell: string,
  prepared: PreparedDecision,
  links: Pick<DecisionRecord, 'decisionRequestId'> = {},
): EntryDraft<LoggedDecision> {
  return {
    principal,
    content: (journalPosition) => ({
      cell,
      marking: prepared.marking,
      authorities: prepared.authorities,
      body: { kind: 'decision', record: { ...prepared.record, ...links, journalPosition } },
    }),
    eventOf: decisionLogged,
    outcome: (logged) => logged,
  };
}
