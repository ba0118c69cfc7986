import type { DomainEvent } from '@muster/domain';
import type { RequestScope } from './request-scope';

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

/** A writer port: an abstract class naming what a transaction may change of one aggregate. */
export type WriterPort<W extends object> = abstract new (...args: never[]) => W;

/**
 * Everything a command may change, in one PostgreSQL transaction: each aggregate through its own writer
 * port (`tx.get(EscalationWriter)`), and the events through the journal.
 */
export interface Transaction {
  readonly journal: JournalWriter;
  /** This transaction's writer for one aggregate; unknown ports fail loudly. */
  get<W extends object>(port: WriterPort<W>): W;
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
