import { Cell, ChainHead, DecisionRequest, DomainEvent, Escalation, LogEntry, Sitrep } from '@muster/domain';
import type { StoredDailyFeed } from './feeds';

/** The decision log as seen inside a write transaction. */
export interface DecisionLogWriter {
  /** Locks the cell's chain head until commit, so appends to one cell are serialised. */
  lockHead(cell: string): Promise<ChainHead | undefined>;
  append(entry: LogEntry): Promise<void>;
}

export interface JournalWriter {
  append(events: readonly DomainEvent[], actor: string): Promise<void>;
}

/**
 * A version-checked aggregate store: `update` writes only if the stored version is still the one the
 * change was decided on, and otherwise throws a conflict (two people acting at once: one wins).
 */
export interface AggregateWriter<T extends { id: string; version: number }> {
  insert(aggregate: T): Promise<void>;
  update(aggregate: T, expectedVersion: number): Promise<void>;
  /** Reads and locks the row until commit; for changes that must see the latest state. */
  lock(id: string): Promise<T | undefined>;
}

export interface SitrepWriter {
  latestVersion(cell: string, authority: string, date: string): Promise<number | undefined>;
  insert(sitrep: Sitrep): Promise<void>;
  /** The latest version per authority of every report dated within [from, through], as this transaction sees them. */
  window(cell: string, from: string, through: string): Promise<Sitrep[]>;
}

/** A cell's governance state, locked for the transaction: status and whether an activation question is open. */
export interface CellGovernance {
  cell: Cell;
  episodeOpen: boolean;
}

export interface CellWriter {
  insert(cell: Cell): Promise<void>;
  lock(slug: string): Promise<CellGovernance | undefined>;
  update(governance: CellGovernance): Promise<void>;
}

export interface DailyFeedWriter {
  /** Serialises generation of one day until commit; returns the latest version held (0 for none). */
  lockDay(date: string): Promise<number>;
  insert(feed: StoredDailyFeed): Promise<void>;
}

/** Everything a command may change, all in one PostgreSQL transaction. */
export interface Transaction {
  decisions: DecisionLogWriter;
  sitreps: SitrepWriter;
  cells: CellWriter;
  escalations: AggregateWriter<Escalation>;
  decisionRequests: AggregateWriter<DecisionRequest>;
  feeds: DailyFeedWriter;
  journal: JournalWriter;
}

/**
 * Runs a unit of work atomically: state changes, their journal events and the request's idempotency
 * record commit together or not at all.
 */
export abstract class UnitOfWork {
  abstract run<T>(work: (tx: Transaction) => Promise<T>): Promise<T>;
}
