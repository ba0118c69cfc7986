import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, MoreThan } from 'typeorm';
import { DecisionLogReader, DecisionLogWriter } from '@muster/application';
import { ChainHead, LogEntry } from '@muster/domain';
import { DecisionLogEntryEntity, DecisionLogHeadEntity } from '../entities';
import { toEntity, toLogEntry } from './decision-log.mapping';

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

  async head(cell: string): Promise<ChainHead | undefined> {
    const row = await this.dataSource.getRepository(DecisionLogHeadEntity).findOneBy({ cell });
    return row === null || row.sequence === 0 ? undefined : { sequence: row.sequence, hash: row.hash };
  }
}

/** The log inside a write transaction: the head row is the lock that gives each chain one head. */
export class TransactionalDecisionLogWriter implements DecisionLogWriter {
  constructor(private readonly manager: EntityManager) {}

  async lockHead(cell: string): Promise<ChainHead | undefined> {
    await this.manager.query(
      `INSERT INTO decision_log_head (cell) VALUES ($1) ON CONFLICT (cell) DO NOTHING`,
      [cell],
    );
    const rows: Array<{ sequence: number; hash: string }> = await this.manager.query(
      `SELECT sequence, hash FROM decision_log_head WHERE cell = $1 FOR UPDATE`,
      [cell],
    );
    const row = rows[0];
    return row === undefined || row.sequence === 0 ? undefined : { sequence: row.sequence, hash: row.hash };
  }

  async append(entry: LogEntry): Promise<void> {
    await this.manager.insert(DecisionLogEntryEntity, toEntity(entry));
    await this.manager.query(`UPDATE decision_log_head SET sequence = $2, hash = $3 WHERE cell = $1`, [
      entry.cell,
      entry.sequence,
      entry.hash,
    ]);
  }
}
