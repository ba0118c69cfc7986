import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RelayJournal, type LivePosition } from '@muster/application';
import type { JournalRecord } from '@muster/contracts';
import { JOURNAL_COLUMNS, JournalRow, toJournalRecord } from './journal-record';
import { readLivePosition } from './live-position';

/** The journal's columns as the stamping UPDATE returns them (qualified: relay_state joins in). */
const STAMPED_COLUMNS = JOURNAL_COLUMNS.split(', ')
  .map((column) => `journal.${column}`)
  .join(', ');

/**
 * The relay's view of the journal. Positions are given by the relay, in the order transactions
 * became visible to it, so a transaction that commits late is sequenced late instead of skipped,
 * and `seq` only ever grows for readers.
 */
@Injectable()
export class RelayStore extends RelayJournal {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

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

  /** The live stream's epoch and the last position given, read together. */
  livePosition(): Promise<LivePosition> {
    return readLivePosition(this.dataSource);
  }

  /** Gives the live stream a new random epoch unless it is no longer `previous`; returns the epoch now current. */
  async renewLiveEpoch(previous: string | undefined): Promise<string> {
    const rows: Array<{ stream_epoch: string }> = await this.dataSource.query(
      `WITH renewed AS (
         UPDATE relay_state SET stream_epoch = gen_random_uuid(), updated_at = now()
          WHERE name = 'live' AND stream_epoch IS NOT DISTINCT FROM $1::uuid
         RETURNING stream_epoch
       )
       SELECT stream_epoch FROM renewed`,
      [previous ?? null],
    );
    const current = rows[0]?.stream_epoch ?? (await this.livePosition()).epoch;
    if (current === undefined) throw new Error("relay_state has no 'live' row");
    return current;
  }

  async state(): Promise<{ sequenced: number; published: number }> {
    const rows: Array<{ sequenced: string; published: string }> = await this.dataSource.query(
      `SELECT sequenced, published FROM relay_state WHERE name = 'live'`,
    );
    return { sequenced: Number(rows[0]?.sequenced ?? 0), published: Number(rows[0]?.published ?? 0) };
  }
}
