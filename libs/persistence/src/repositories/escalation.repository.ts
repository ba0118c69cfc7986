import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EscalationFilter, EscalationReader, Page, PageRequest } from '@muster/application';
import { Escalation, SensitiveReach } from '@muster/domain';
import { EscalationEntity } from '../entities';
import { withinReachSql } from '../sql/need-to-know';
import { toEscalation } from './escalation.mapping';
import { keysetPage } from './keyset-page';

@Injectable()
export class EscalationRepository extends EscalationReader {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async byId(id: string): Promise<Escalation | undefined> {
    const row = await this.dataSource.getRepository(EscalationEntity).findOneBy({ id });
    return row === null ? undefined : toEscalation(row);
  }

  async list(filter: EscalationFilter, page: PageRequest, reach: SensitiveReach): Promise<Page<Escalation>> {
    const query = this.dataSource.getRepository(EscalationEntity).createQueryBuilder('e');
    const visible = withinReachSql(reach, { marking: 'e.marking', cell: 'e.cell', authorities: 'ARRAY[e.authority]' });
    query.where(visible.where, visible.parameters);
    for (const key of ['status', 'authority', 'cell', 'level'] as const) {
      if (filter[key] !== undefined) query.andWhere(`e.${key} = :${key}`, { [key]: filter[key] });
    }
    return keysetPage(query, { at: 'e.raised_at', id: 'e.id', direction: 'DESC' }, page, (row) => ({
      item: toEscalation(row),
      at: row.raisedAt,
    }));
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

  async awaitingUpdate(): Promise<Escalation[]> {
    const rows = await this.dataSource
      .getRepository(EscalationEntity)
      .createQueryBuilder('e')
      .where(`e.next_update_due IS NOT NULL AND e.status IN ('open', 'acknowledged')`)
      .andWhere(`e.update_overdue_for IS DISTINCT FROM e.next_update_due`)
      .orderBy('e.next_update_due', 'ASC')
      .getMany();
    return rows.map(toEscalation);
  }
}
