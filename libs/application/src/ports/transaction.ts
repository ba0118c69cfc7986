import { Cell, ChainHead, DecisionRequest, DomainEvent, Escalation, LogEntry, ReportedFigures, RetentionPolicy, Sitrep } from '@muster/domain';
import type { StoredDailyFeed } from './feeds';

/** A cell's chain head, locked until commit, and the journal position the system had reached when it was locked. */
export interface LockedHead {
  head: ChainHead | undefined;
  journalPosition: number;
}

/** The decision log as seen inside a write transaction. */
export interface DecisionLogWriter {
  /** Locks the cell's chain head until commit, so appends to one cell are serialised. */
  lockHead(cell: string): Promise<LockedHead>;
  /** Entries linked in order onto the locked head; the last becomes the new head. */
  append(entries: readonly LogEntry[]): Promise<void>;
}

/** One request's events; in a transaction that commits several requests together, with the request's scope. */
export interface JournalAppend {
  events: readonly DomainEvent[];
  actor: string;
  /** Whose correlation id the rows carry; without it, the unit of work's own request's. */
  scope?: RequestScope;
}

export interface JournalWriter {
  append(events: readonly DomainEvent[], actor: string): Promise<void>;
  /** Each request's events stamped with its own correlation id, in one statement. */
  appendEach(appends: readonly JournalAppend[]): Promise<void>;
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

/** Names one authority's report for one day within a cell. */
export const reportKey = (authority: string, date: string): string => `${authority} ${date}`;

/** Sitreps inside a write transaction; the caller holds the cell's lock (CellWriter.lock), so versions cannot clash. */
export interface SitrepWriter {
  /** The latest version stored of each named report (by reportKey); reports never submitted are absent. */
  latest(cell: string, reports: ReadonlyArray<{ authority: string; date: string }>): Promise<ReadonlyMap<string, Sitrep>>;
  insert(sitreps: readonly Sitrep[]): Promise<void>;
  /** The latest version per authority of every report dated within [from, through], as this transaction sees them. */
  window(cell: string, from: string, through: string): Promise<ReportedFigures[]>;
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

export interface RetentionWriter {
  /** Replaces a type's policy; waits for a purge batch of that type in flight to finish. */
  save(policy: RetentionPolicy): Promise<void>;
}

/** Everything a command may change, all in one PostgreSQL transaction. */
export interface Transaction {
  decisions: DecisionLogWriter;
  sitreps: SitrepWriter;
  cells: CellWriter;
  escalations: AggregateWriter<Escalation>;
  decisionRequests: AggregateWriter<DecisionRequest>;
  feeds: DailyFeedWriter;
  retention: RetentionWriter;
  journal: JournalWriter;
}

/** What an `Idempotency-Key` asks: the response to store with the change, under the caller and key. */
export interface IdempotencyClaim {
  principal: string;
  key: string;
  requestHash: string;
  status: number;
  /** Set once the response is stored, so that a second unit of work in the same request does not store it again. */
  recorded?: boolean;
}

/** The request a change is made for: its correlation id and idempotency claim, if any. */
export interface RequestScope {
  correlationId?: string;
  claim?: IdempotencyClaim;
}

/**
 * Some items of a batch cannot commit (their idempotency key is already used): the transaction rolled
 * back; retry without them, then fail each with its error.
 */
export class BatchItemsRefused extends Error {
  constructor(readonly refusals: ReadonlyMap<number, Error>) {
    super(`${refusals.size} item(s) of a batch were refused`);
    this.name = 'BatchItemsRefused';
  }
}

/**
 * Runs a unit of work atomically: state changes, their journal events and the request's idempotency
 * record commit together or not at all.
 */
export abstract class UnitOfWork {
  abstract run<T>(work: (tx: Transaction) => Promise<T>): Promise<T>;
  /** The request the caller is serving, to carry into a batch that another request's turn will commit. */
  abstract requestScope(): RequestScope;
  /**
   * Several requests' changes in one transaction (group commit): `work` returns one outcome per scope,
   * stored as that request's response under its claim. Throws BatchItemsRefused when claims are taken.
   */
  abstract runBatch<T>(scopes: readonly RequestScope[], work: (tx: Transaction) => Promise<T[]>): Promise<T[]>;

  /**
   * Whether a failed unit of work says the database could not be reached: a commit's outcome may then be
   * unknown, so a batch is not retried request by request (which could write twice, or only wait longer).
   */
  unavailable(_error: unknown): boolean {
    return false;
  }
}
