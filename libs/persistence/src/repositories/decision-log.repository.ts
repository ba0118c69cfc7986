import { Injectable } from '@nestjs/common';
import { DataSource, In, MoreThan } from 'typeorm';
import { DecisionLogReader } from '@muster/application';
import { ChainHead, LogEntry, SensitiveReach } from '@muster/domain';
import { DecisionLogEntryEntity, DecisionLogHeadEntity } from '../entities';
import { withinReachSql } from '../sql/need-to-know';
import { toLogEntry } from './decision-log.mapping';

@Injectable()
export class DecisionLogRepository extends DecisionLogReader {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async page(cell: string, after: number, limit: number): Promise<LogEntry[]> {
    const rows = await this.dataSource.getRepository(DecisionLogEntryEntity).find({
      where: { cell, sequence: MoreThan(after) },
      order: { sequence: 'ASC' },
      take: limit,
    });
    return rows.map(toLogEntry);
  }

  async visiblePage(cell: string, after: number, limit: number, reach: SensitiveReach): Promise<LogEntry[]> {
    const visible = withinReachSql(reach, { marking: 'e.marking', cell: 'e.cell', authorities: 'e.authorities' });
    const rows = await this.dataSource
      .getRepository(DecisionLogEntryEntity)
      .createQueryBuilder('e')
      .where('e.cell = :cell AND e.sequence > :after', { cell, after })
      .andWhere(visible.where, visible.parameters)
      .orderBy('e.sequence', 'ASC')
      .limit(limit)
      .getMany();
    return rows.map(toLogEntry);
  }

  async byId(cell: string, id: string): Promise<LogEntry | undefined> {
    const row = await this.dataSource.getRepository(DecisionLogEntryEntity).findOneBy({ cell, id });
    return row === null ? undefined : toLogEntry(row);
  }

  async amendmentsOf(cell: string, id: string): Promise<LogEntry[]> {
    const rows = await this.dataSource.getRepository(DecisionLogEntryEntity).find({
      where: { cell, amends: id },
      order: { sequence: 'ASC' },
    });
    return rows.map(toLogEntry);
  }

  async amendmentsOfEach(cell: string, ids: readonly string[]): Promise<LogEntry[]> {
    if (ids.length === 0) return [];
    const rows = await this.dataSource.getRepository(DecisionLogEntryEntity).find({
      where: { cell, amends: In([...ids]) },
      order: { sequence: 'ASC' },
    });
    return rows.map(toLogEntry);
  }

  async head(cell: string): Promise<ChainHead | undefined> {
    const row = await this.dataSource.getRepository(DecisionLogHeadEntity).findOneBy({ cell });
    return row === null || row.sequence === 0 ? undefined : { sequence: row.sequence, hash: row.hash };
  }
}
