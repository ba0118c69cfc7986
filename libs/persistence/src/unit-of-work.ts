import { Injectable, Optional } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  BatchItemsRefused,
  IdempotencyKeyTaken,
  RequestContext,
  type RequestScope,
  type Transaction,
  UnitOfWork,
} from '@muster/application';
import { isServiceUnavailable } from './database-errors';
import { IdempotencyStore } from './idempotency/idempotency.store';
import { TransactionalJournalWriter } from './journal/journal.writer';
import { TransactionWriters } from './transaction-writers';

@Injectable()
export class TypeOrmUnitOfWork extends UnitOfWork {
  constructor(
    private readonly dataSource: DataSource,
    /** The request being served; none in a process that serves no requests (the worker). */
    @Optional() private readonly context?: RequestContext,
  ) {
    super();
  }

  requestScope(): RequestScope {
    return this.context?.scope() ?? {};
  }

  override unavailable(error: unknown): boolean {
    return isServiceUnavailable(error);
  }

  async run<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    let outcome!: T;
    try {
      await this.runBatch([this.requestScope()], async (tx) => [(outcome = await work(tx))]);
      return outcome;
    } catch (error) {
      const refusal = error instanceof BatchItemsRefused ? error.refusals.get(0) : undefined;
      throw refusal ?? error;
    }
  }

  async runBatch<T>(scopes: readonly RequestScope[], work: (tx: Transaction) => Promise<T[]>): Promise<T[]> {
    const outcomes = await this.dataSource.transaction(async (manager) => {
      const results = await work(this.transaction(manager, scopes.length === 1 ? scopes[0]?.correlationId : undefined));
      // Each response is stored with the changes it describes: all commit, or none.
      const responses = scopes.flatMap((scope, index) =>
        scope.claim === undefined || scope.claim.recorded === true
          ? []
          : [{ claim: scope.claim, body: results[index], index }],
      );
      const taken = await IdempotencyStore.recordAll(manager, responses);
      if (taken.size > 0) {
        throw new BatchItemsRefused(
          new Map(responses.filter((r) => taken.has(r.claim)).map((r) => [r.index, new IdempotencyKeyTaken(r.claim)])),
        );
      }
      return results;
    });
    // A second unit of work in the same request must not store a response again.
    for (const scope of scopes) if (scope.claim !== undefined) scope.claim.recorded = true;
    return outcomes;
  }

  private transaction(manager: EntityManager, correlationId: string | undefined): Transaction {
    const writers = new TransactionWriters(manager);
    return { journal: new TransactionalJournalWriter(manager, correlationId), get: (port) => writers.get(port) };
  }
}
