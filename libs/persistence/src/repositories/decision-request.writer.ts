import { EntityManager } from 'typeorm';
import { DecisionRequestWriter } from '@muster/application';
import type { DecisionRequest } from '@muster/domain';
import { DecisionRequestEntity } from '../entities';
import { writerFor } from '../transaction-writers';
import { decisionRequestRow, toDecisionRequest } from './escalation.mapping';
import { VersionedRows } from './versioned-aggregate-writer';

export class TransactionalDecisionRequestWriter extends DecisionRequestWriter {
  private readonly rows: VersionedRows<DecisionRequest, DecisionRequestEntity>;

  constructor(manager: EntityManager) {
    super();
    this.rows = new VersionedRows(
      manager,
      DecisionRequestEntity,
      decisionRequestRow,
      toDecisionRequest,
      'decision request',
    );
  }

  insert(request: DecisionRequest): Promise<void> {
    return this.rows.insert(request);
  }

  update(request: DecisionRequest, expectedVersion: number): Promise<void> {
    return this.rows.update(request, expectedVersion);
  }

  lock(id: string): Promise<DecisionRequest | undefined> {
    return this.rows.lock(id);
  }
}

export const decisionRequestWriter = writerFor(
  DecisionRequestWriter,
  (manager) => new TransactionalDecisionRequestWriter(manager),
);
