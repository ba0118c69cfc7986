import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DecisionRequestReader } from '@muster/application';
import { DecisionRequest, DecisionRequestStatus } from '@muster/domain';
import { DecisionRequestEntity } from '../entities';
import { toDecisionRequest } from './escalation.mapping';

@Injectable()
export class DecisionRequestRepository extends DecisionRequestReader {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async byId(cell: string, id: string): Promise<DecisionRequest | undefined> {
    const row = await this.dataSource.getRepository(DecisionRequestEntity).findOneBy({ cell, id });
    return row === null ? undefined : toDecisionRequest(row);
  }

  async list(cell: string, status: DecisionRequestStatus | undefined, limit: number): Promise<DecisionRequest[]> {
    const rows = await this.dataSource.getRepository(DecisionRequestEntity).find({
      where: status === undefined ? { cell } : { cell, status },
      order: { dueAt: 'ASC' },
      take: limit,
    });
    return rows.map(toDecisionRequest);
  }

  async open(): Promise<DecisionRequest[]> {
    const rows = await this.dataSource.getRepository(DecisionRequestEntity).find({
      where: { status: 'open' },
      order: { dueAt: 'ASC' },
    });
    return rows.map(toDecisionRequest);
  }
}
