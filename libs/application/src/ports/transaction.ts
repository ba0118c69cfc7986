import { ChainHead, DomainEvent, LogEntry } from '@muster/domain';

/** The decision log as seen inside a write transaction. */
export interface DecisionLogWriter {
  /** Locks the cell's chain head until commit, so appends to one cell are serialised. */
  lockHead(cell: string): Promise<ChainHead | undefined>;
  append(entry: LogEntry): Promise<void>;
}

export interface JournalWriter {
  append(events: readonly DomainEvent[], actor: string): Promise<void>;
}

/** Everything a command may change, all in one PostgreSQL transaction. */
export interface Transaction {
  decisions: DecisionLogWriter;
  journal: JournalWriter;
}

/**
 * Runs a unit of work atomically: state changes, their journal events and the request's idempotency
 * record commit together or not at all.
 */
export abstract class UnitOfWork {
  abstract run<T>(work: (tx: Transaction) => Promise<T>): Promise<T>;
}
