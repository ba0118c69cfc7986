import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JOURNAL_COLUMNS, JournalRecord, JournalRow, toJournalRecord } from './journal-record';

/**
 * The relay's view of the journal. Positions are given by the relay, in the order transactions
 * became visible to it, so a transaction that commits late is sequenced late instead of skipped,
 * and `seq` only ever grows for readers.
 */
@Injectable()
export class RelayStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Gives the next committed, unsequenced rows their positions; returns how many. */
  async sequenceNext(limit: number): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const state: Array<{ sequenced: string }> = await manager.query(
        `SELECT sequenced FROM relay_state WHERE name = 'live' FOR UPDATE`,
      );
      const from = Number(state[0]?.sequenced ?? 0);
      const stamped: Array<{ seq: string }> = await manager.query(
        // Wrapped in a SELECT: TypeORM returns [rows, count] for a bare UPDATE … RETURNING.
        `WITH pending AS (
           SELECT id, row_number() OVER (ORDER BY id) AS n
             FROM (SELECT id FROM journal WHERE seq IS NULL ORDER BY id LIMIT $2 FOR UPDATE) AS next
         ), stamped AS (
           UPDATE journal SET seq = $1::bigint + pending.n FROM pending WHERE journal.id = pending.id
           RETURNING journal.seq
         )
         SELECT seq FROM stamped`,
        [from, limit],
      );
      if (stamped.length > 0) {
        await manager.query(
          `UPDATE relay_state SET sequenced = $1, updated_at = now() WHERE name = 'live'`,
          [from + stamped.length],
        );
      }
      return stamped.length;
    });
  }

  /** Sequenced but not yet published, oldest first: what a crashed relay still owes. */
  async unpublished(limit: number): Promise<JournalRecord[]> {
    const rows: JournalRow[] = await this.dataSource.query(
      `SELECT ${JOURNAL_COLUMNS} FROM journal
        WHERE seq > (SELECT published FROM relay_state WHERE name = 'live')
        ORDER BY seq LIMIT $1`,
      [limit],
    );
    return rows.map(toJournalRecord);
  }

  async markPublished(through: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE relay_state SET published = $1, updated_at = now() WHERE name = 'live' AND published < $1`,
      [through],
    );
  }

  async state(): Promise<{ sequenced: number; published: number }> {
    const rows: Array<{ sequenced: string; published: string }> = await this.dataSource.query(
      `SELECT sequenced, published FROM relay_state WHERE name = 'live'`,
    );
    return { sequenced: Number(rows[0]?.sequenced ?? 0), published: Number(rows[0]?.published ?? 0) };
  }
}
