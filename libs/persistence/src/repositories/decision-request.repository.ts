import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DecisionRequestReader, Page, PageRequest } from '@muster/application';
import { DecisionRequest, DecisionRequestStatus, SensitiveReach } from '@muster/domain';
import { DecisionRequestEntity } from '../entities';
import { withinReachSql } from '../sql/need-to-know';
import { toDecisionRequest } from './escalation.mapping';
import { keysetPage } from './keyset-page';

@Injectable()
export class DecisionRequestRepository extends DecisionRequestReader {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async byId(cell: string, id: string): Promise<DecisionRequest | undefined> {
    const row = await this.dataSource.getRepository(DecisionRequestEntity).findOneBy({ cell, id });
    return row === null ? undefined : toDecisionRequest(row);
  }

  async list(
    cell: string,
    status: DecisionRequestStatus | undefined,
    page: PageRequest,
    reach: SensitiveReach,
  ): Promise<Page<DecisionRequest>> {
    const query = this.dataSource
      .getRepository(DecisionRequestEntity)
      .createQueryBuilder('r')
      .where('r.cell = :cell', { cell });
    if (status !== undefined) query.andWhere('r.status = :status', { status });
    const visible = withinReachSql(reach, { marking: 'r.marking', cell: 'r.cell', authorities: 'ARRAY[r.authority]' });
    query.andWhere(visible.where, visible.parameters);
    return keysetPage(query, { at: 'r.due_at', id: 'r.id', direction: 'ASC' }, page, (row) => ({
      item: toDecisionRequest(row),
      at: row.dueAt,
    }));
  }

  async open(): Promise<DecisionRequest[]> {
    const rows = await this.dataSource.getRepository(DecisionRequestEntity).find({
      where: { status: 'open' },
      order: { dueAt: 'ASC' },
    });
    return rows.map(toDecisionRequest);
  }
}
