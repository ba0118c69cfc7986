import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JOURNAL_COLUMNS, JournalRecord, JournalRow, toJournalRecord } from './journal-record';

/** The journal's columns as the stamping UPDATE returns them (qualified: relay_state joins in). */
const STAMPED_COLUMNS = JOURNAL_COLUMNS.split(', ').map((column) => `journal.${column}`).join(', ');

/**
 * The relay's view of the journal. Positions are given by the relay, in the order transactions
 * became visible to it, so a transaction that commits late is sequenced late instead of skipped,
 * and `seq` only ever grows for readers.
 */
@Injectable()
export class RelayStore {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Gives the next committed, unsequenced rows their positions and returns them in position order: one
   * statement, so one round trip. The state row's lock serialises relays that both think they lead.
   */
  async sequenceNext(limit: number): Promise<JournalRecord[]> {
    const rows: JournalRow[] = await this.dataSource.query(
      `WITH state AS (
         SELECT sequenced FROM relay_state WHERE name = 'live' FOR UPDATE
       ), pending AS (
         SELECT id, row_number() OVER (ORDER BY id) AS n
           FROM (SELECT id FROM journal WHERE seq IS NULL ORDER BY id LIMIT $1 FOR UPDATE) AS next
       ), stamped AS (
         UPDATE journal SET seq = state.sequenced + pending.n FROM pending, state WHERE journal.id = pending.id
         RETURNING ${STAMPED_COLUMNS}
       ), moved AS (
         UPDATE relay_state SET sequenced = relay_state.sequenced + (SELECT count(*) FROM stamped), updated_at = now()
          WHERE name = 'live' AND EXISTS (SELECT 1 FROM stamped)
       )
       SELECT * FROM stamped ORDER BY seq`,
      [limit],
    );
    return rows.map(toJournalRecord);
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
