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
import { LoggedDecision } from './log-decision/log-decision.command';

type NewContent = Pick<EntryContent, 'cell' | 'marking' | 'authorities' | 'body'>;

/**
 * Links one entry onto the head of its cell's log and journals its event, inside the caller's unit of
 * work. The head is locked first, so the recording time is taken in chain order.
 */
export async function appendEntry(
  tx: Transaction,
  clock: Clock,
  principal: Principal,
  content: NewContent,
  eventOf: (entry: LogEntry) => DomainEvent,
): Promise<LoggedDecision> {
  const head = await tx.decisions.lockHead(content.cell);
  const entry = linkEntry(
    {
      ...content,
      id: randomUUID(),
      recordedAt: clock.now().toISOString(),
      recordedBy: { sub: principal.sub, name: principal.name },
    },
    head,
  );
  await tx.decisions.append(entry);
  await tx.journal.append([eventOf(entry)], principal.sub);
  return { id: entry.id, sequence: entry.sequence, hash: entry.hash, prevHash: entry.prevHash, recordedAt: entry.recordedAt };
}

/** Logs a prepared decision, with the links only the handler knows (the picture's position, a request answered). */
export function appendDecision(
  tx: Transaction,
  clock: Clock,
  principal: Principal,
  cell: string,
  prepared: PreparedDecision,
  links: Pick<DecisionRecord, 'journalPosition' | 'decisionRequestId'>,
): Promise<LoggedDecision> {
  return appendEntry(
    tx,
    clock,
    principal,
    {
      cell,
      marking: prepared.marking,
      authorities: prepared.authorities,
      body: { kind: 'decision', record: { ...prepared.record, ...links } },
    },
    decisionLogged,
  );
}
