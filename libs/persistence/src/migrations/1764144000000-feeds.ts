import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes that keep a daily feed's cost independent of the length of history: each of its reads is a
 * range over one day (journal, decision log) or over what changed since a position (board), never a scan.
 * `escalation (raised_at)` exists already (escalation_raised_at).
 */
export class Feeds1764144000000 implements MigrationInterface {
  name = 'Feeds1764144000000';

  async up(q: QueryRunner): Promise<void> {
    // The last position before the end of a day, and the day's ladder steps.
    await q.query(`CREATE INDEX journal_occurred_at ON journal (occurred_at)`);
    // A cell's entries recorded during a day, and its head as of the end of one.
    await q.query(
      `CREATE INDEX decision_log_entry_cell_recorded_at ON decision_log_entry (cell, recorded_at, sequence)`,
    );
    // The board as it stood at a position: current items plus those closed after it, not every version ever.
    await q.query(`CREATE INDEX board_item_closed ON board_item (seq_to) WHERE seq_to IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX board_item_closed, decision_log_entry_cell_recorded_at, journal_occurred_at`);
  }
}
