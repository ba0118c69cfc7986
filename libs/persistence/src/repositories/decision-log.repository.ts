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
    // Heads are created with their cells; the insert is only a fallback, so the common path is one
    // round trip and the lock is taken as late as possible (appends to one cell queue on it).
    let rows = await this.selectHeadForUpdate(cell);
    if (rows.length === 0) {
      await this.manager.query(`INSERT INTO decision_log_head (cell) VALUES ($1) ON CONFLICT (cell) DO NOTHING`, [cell]);
      rows = await this.selectHeadForUpdate(cell);
    }
    const row = rows[0];
    return row === undefined || row.sequence === 0 ? undefined : { sequence: row.sequence, hash: row.hash };
  }

  /** The entry and the new head in one statement: fewer round trips while the head is locked. */
  async append(entry: LogEntry): Promise<void> {
    const row = toEntity(entry);
    await this.manager.query(
      `WITH appended AS (
         INSERT INTO decision_log_entry
           (id, cell, sequence, kind, amends, marking, authorities, recorded_at, recorded_by, body, hash, prev_hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         RETURNING cell, sequence, hash
       )
       UPDATE decision_log_head SET sequence = appended.sequence, hash = appended.hash
         FROM appended WHERE decision_log_head.cell = appended.cell`,
      [
        row.id,
        row.cell,
        row.sequence,
        row.kind,
        row.amends,
        row.marking,
        row.authorities,
        row.recordedAt,
        JSON.stringify(row.recordedBy),
        JSON.stringify(row.body),
        row.hash,
        row.prevHash,
      ],
    );
  }

  private selectHeadForUpdate(cell: string): Promise<Array<{ sequence: number; hash: string }>> {
    return this.manager.query(`SELECT sequence, hash FROM decision_log_head WHERE cell = $1 FOR UPDATE`, [cell]);
  }
}
