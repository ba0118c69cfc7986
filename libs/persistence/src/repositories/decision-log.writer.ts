import { EntityManager } from 'typeorm';
import { DecisionLogWriter, LockedHead } from '@muster/application';
import { LogEntry } from '@muster/domain';
import { valueRows } from '../sql/value-rows';
import { writerFor } from '../transaction-writers';
import { toEntity } from './decision-log.mapping';

/** The log inside a write transaction: the head row is the lock that gives each chain one head. */
export class TransactionalDecisionLogWriter extends DecisionLogWriter {
  constructor(private readonly manager: EntityManager) {
    super();
  }

  async lockHead(cell: string): Promise<LockedHead> {
    // Heads are created with their cells; the insert is only a fallback, so the common path is one
    // round trip and the lock is taken as late as possible (appends to one cell queue on it).
    let rows = await this.selectHeadForUpdate(cell);
    if (rows.length === 0) {
      await this.manager.query(`INSERT INTO decision_log_head (cell) VALUES ($1) ON CONFLICT (cell) DO NOTHING`, [
        cell,
      ]);
      rows = await this.selectHeadForUpdate(cell);
    }
    const row = rows[0];
    return {
      head: row === undefined || row.sequence === 0 ? undefined : { sequence: row.sequence, hash: row.hash },
      journalPosition: Number(row?.position ?? 0),
    };
  }

  /** The entries and the new head in one statement: fewer round trips while the head is locked. */
  async append(entries: readonly LogEntry[]): Promise<void> {
    const last = entries.at(-1);
    if (last === undefined) return;
    const { tuples, values } = valueRows(
      entries.map((entry) => {
        const row = toEntity(entry);
        return [
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
        ];
      }),
    );
    values.push(last.cell, last.sequence, last.hash);
    const n = values.length;
    // A data-modifying WITH runs whether or not it is referenced.
    await this.manager.query(
      `WITH appended AS (
         INSERT INTO decision_log_entry
           (id, cell, sequence, kind, amends, marking, authorities, recorded_at, recorded_by, body, hash, prev_hash)
         VALUES ${tuples}
       )
       UPDATE decision_log_head SET sequence = $${n - 1}, hash = $${n} WHERE cell = $${n - 2}`,
      values,
    );
  }

  private selectHeadForUpdate(
    cell: string,
  ): Promise<Array<{ sequence: number; hash: string; position: string | null }>> {
    return this.manager.query(
      `SELECT sequence, hash, (SELECT sequenced FROM relay_state WHERE name = 'live') AS position
         FROM decision_log_head WHERE cell = $1 FOR UPDATE`,
      [cell],
    );
  }
}

export const decisionLogWriter = writerFor(DecisionLogWriter, (manager) => new TransactionalDecisionLogWriter(manager));
