import { EntityManager } from 'typeorm';
import { EscalationWriter } from '@muster/application';
import type { Escalation } from '@muster/domain';
import { EscalationEntity } from '../entities';
import { writerFor } from '../transaction-writers';
import { escalationRow, toEscalation } from './escalation.mapping';
import { VersionedRows } from './versioned-aggregate-writer';

export class TransactionalEscalationWriter extends EscalationWriter {
  private readonly rows: VersionedRows<Escalation, EscalationEntity>;

  constructor(manager: EntityManager) {
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
}

export const escalationWriter = writerFor(EscalationWriter, (manager) => new TransactionalEscalationWriter(manager));
