import { EntityManager } from 'typeorm';
import { ActionWriter } from '@muster/application';
import type { TrackedAction } from '@muster/domain';
import { ActionEntity } from '../entities';
import { writerFor } from '../transaction-writers';
import { VersionedRows } from '../repositories/versioned-aggregate-writer';
import { actionRow, toTrackedAction } from './action.mapping';

export class TransactionalActionWriter extends ActionWriter {
  private readonly rows: VersionedRows<TrackedAction, ActionEntity>;

  constructor(private readonly manager: EntityManager) {
    super();
    this.rows = new VersionedRows(manager, ActionEntity, actionRow, toTrackedAction, 'action');
  }

  insert(action: TrackedAction): Promise<void> {
    return this.rows.insert(action);
  }

  update(action: TrackedAction, expectedVersion: number): Promise<void> {
    return this.rows.update(action, expectedVersion);
  }

  lock(id: string): Promise<TrackedAction | undefined> {
    return this.rows.lock(id);
  }

  async lockOfDecision(decisionId: string): Promise<TrackedAction[]> {
    const rows = await this.manager
      .getRepository(ActionEntity)
      .createQueryBuilder('a')
      .setLock('pessimistic_write')
      .where('a.decision_id = :decisionId', { decisionId })
      .orderBy('a.id')
      .getMany();
    return rows.map(toTrackedAction);
  }
}

export const actionWriter = writerFor(ActionWriter, (manager) => new TransactionalActionWriter(manager));
