import { EntityManager } from 'typeorm';
import { EscalationWriter } from '@muster/application';
import type { Escalation } from '@muster/domain';
import { EscalationEntity } from '../entities';
import { writerFor } from '../transaction-writers';
import { escalationRow, toEscalation } from './escalation.mapping';
import { VersionedRows } from './versioned-aggregate-writer';

export class TransactionalEscalationWriter extends EscalationWriter {
  private readonly rows: VersionedRows<Escalation, EscalationEntity>;

  constructor(private readonly manager: EntityManager) {
    super();
    this.rows = new VersionedRows(manager, EscalationEntity, escalationRow, toEscalation, 'escalation');
  }

  insert(escalation: Escalation): Promise<void> {
    return this.rows.insert(escalation);
  }

  update(escalation: Escalation, expectedVersion: number): Promise<void> {
    return this.rows.update(escalation, expectedVersion);
  }

  lock(id: string): Promise<Escalation | undefined> {
    return this.rows.lock(id);
  }

  async lockHeldBy(scope: string, key: string): Promise<Escalation[]> {
    const rows = await this.manager
      .getRepository(EscalationEntity)
      .createQueryBuilder('e')
      .setLock('pessimistic_write')
      .where(`e.status <> 'resolved'`)
      .andWhere(`e.held_by ->> 'key' = :key`, { key })
      .andWhere(`(CASE WHEN e.level = 'cell' THEN e.cell ELSE e.level END) = :scope`, { scope })
      .orderBy('e.id')
      .getMany();
    return rows.map(toEscalation);
  }
}

export const escalationWriter = writerFor(EscalationWriter, (manager) => new TransactionalEscalationWriter(manager));
