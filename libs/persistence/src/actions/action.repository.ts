import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ActionCounts, ActionFilter, ActionReader, Page, PageRequest } from '@muster/application';
import type { SensitiveReach, TrackedAction } from '@muster/domain';
import { ActionEntity } from '../entities';
import { withinReachSql } from '../sql/need-to-know';
import { keysetPage } from '../repositories/keyset-page';
import { toTrackedAction } from './action.mapping';

const MARKED = { marking: 'a.marking', cell: 'a.cell', authorities: 'a.authorities' };

@Injectable()
export class ActionRepository extends ActionReader {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async byId(id: string): Promise<TrackedAction | undefined> {
    const row = await this.dataSource.getRepository(ActionEntity).findOneBy({ id });
    return row === null ? undefined : toTrackedAction(row);
  }

  async list(filter: ActionFilter, page: PageRequest, reach: SensitiveReach): Promise<Page<TrackedAction>> {
    const query = this.dataSource.getRepository(ActionEntity).createQueryBuilder('a').where('TRUE');
    if (filter.cell !== undefined) query.andWhere('a.cell = :cell', { cell: filter.cell });
    if (filter.owner !== undefined) query.andWhere('a.owner = :owner', { owner: filter.owner });
    if (filter.status !== undefined) query.andWhere('a.status = :status', { status: filter.status });
    if (filter.viewable !== undefined) {
      query.andWhere('a.cell = ANY(CAST(:viewable AS text[]))', { viewable: [...filter.viewable] });
    }
    const visible = withinReachSql(reach, MARKED);
    query.andWhere(visible.where, visible.parameters);
    return keysetPage(query, { at: 'a.created_at', id: 'a.id', direction: 'ASC' }, page, (row) => ({
      item: toTrackedAction(row),
      at: row.createdAt,
    }));
  }

  async ofDecision(decisionId: string): Promise<TrackedAction[]> {
    const rows = await this.dataSource
      .getRepository(ActionEntity)
      .find({ where: { decisionId }, order: { createdAt: 'ASC', id: 'ASC' } });
    return rows.map(toTrackedAction);
  }

  async pending(): Promise<TrackedAction[]> {
    const rows = await this.dataSource
      .getRepository(ActionEntity)
      .createQueryBuilder('a')
      .where(`a.status = 'open' AND a.due IS NOT NULL`)
      .orderBy('a.due', 'ASC')
      .getMany();
    return rows.map(toTrackedAction);
  }

  async countsByCell(reach: SensitiveReach): Promise<ActionCounts[]> {
    const visible = withinReachSql(reach, MARKED);
    const rows = await this.dataSource
      .getRepository(ActionEntity)
      .createQueryBuilder('a')
      .select('a.cell', 'cell')
      .addSelect(`count(*) FILTER (WHERE a.status = 'open')::int`, 'open')
      .addSelect(`count(*) FILTER (WHERE a.status = 'done')::int`, 'done')
      .addSelect(`count(*) FILTER (WHERE a.status = 'overdue')::int`, 'overdue')
      .where(visible.where, visible.parameters)
      .groupBy('a.cell')
      .orderBy('a.cell')
      .getRawMany<ActionCounts>();
    return rows.map((r) => ({ cell: r.cell, open: r.open, done: r.done, overdue: r.overdue }));
  }
}
