import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EscalationFilter, EscalationReader } from '@muster/application';
import { Escalation } from '@muster/domain';
import { EscalationEntity } from '../entities';
import { toEscalation } from './escalation.mapping';

@Injectable()
export class EscalationRepository extends EscalationReader {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async byId(id: string): Promise<Escalation | undefined> {
    const row = await this.dataSource.getRepository(EscalationEntity).findOneBy({ id });
    return row === null ? undefined : toEscalation(row);
  }

  async list(filter: EscalationFilter): Promise<Escalation[]> {
    const where = Object.fromEntries(
      (['status', 'authority', 'cell', 'level'] as const)
        .filter((key) => filter[key] !== undefined)
        .map((key) => [key, filter[key]]),
    );
    const rows = await this.dataSource.getRepository(EscalationEntity).find({
      where,
      order: { raisedAt: 'DESC' },
      take: filter.limit,
    });
    return rows.map(toEscalation);
  }

  async awaitingAcknowledgement(): Promise<Escalation[]> {
    const rows = await this.dataSource
      .getRepository(EscalationEntity)
      .createQueryBuilder('e')
      .where(`e.status = 'open' AND NOT e.overdue AND e.ack_due_at IS NOT NULL`)
      .orderBy('e.ack_due_at', 'ASC')
      .getMany();
    return rows.map(toEscalation);
  }
}
