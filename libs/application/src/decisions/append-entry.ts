import { randomUUID } from 'node:crypto';
import {
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
import { Transaction } from '../ports/transaction';
import type { RequestScope } from '../ports/request-scope';
import { LoggedDecision } from './log-decision/log-decision.command';
import { DecisionLogWriter } from '../ports/writers/decision-log.writer';

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
 * Links each draft, in order, onto its cell's locked head, and journals its event under its request's
 * scope; returns each draft's outcome. Recording times are taken under the lock, so they follow chain order.
 */
export async function appendDrafts<T>(
  tx: Transaction,
  clock: Clock,
  cell: string,
  batch: ReadonlyArray<{ item: EntryDraft<T>; scope?: RequestScope }>,
): Promise<T[]> {
  const locked = await tx.get(DecisionLogWriter).lockHead(cell);
  let head = locked.head;
  const linked = batch.map(({ item, scope }) => {
    const entry = linkEntry(
      {
        ...item.content(locked.journalPosition),
        id: randomUUID(),
        recordedAt: clock.now().toISOString(),
        recordedBy: { sub: item.principal.sub, name: item.principal.name },
      },
      head,
    );
    head = { sequence: entry.sequence, hash: entry.hash };
    return { item, scope, entry };
  });
  await tx.get(DecisionLogWriter).append(linked.map(({ entry }) => entry));
  await tx.journal.appendEach(linked.map(({ item, scope, entry }) => ({ events: [item.eventOf(entry)], actor: item.principal.sub, scope })));
  return linked.map(({ item, entry }) =>
    item.outcome({ id: entry.id, sequence: entry.sequence, hash: entry.hash, prevHash: entry.prevHash, recordedAt: entry.recordedAt }),
  );
}

/** Links one entry onto the head of its cell's log and journals its event, inside the caller's unit of work. */
export async function appendEntry<T>(tx: Transaction, clock: Clock, cell: string, draft: EntryDraft<T>): Promise<T> {
  const [outcome] = await appendDrafts(tx, clock, cell, [{ item: draft }]);
  if (outcome === undefined) throw new Error('linking one draft gave no outcome');
  return outcome;
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
