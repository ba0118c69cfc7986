import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Signed-in browsers (the console). A row is found by a hash of the session id the cookie holds; what it
 * says about the person and the provider's tokens is sealed with a key derived from that id, so the table
 * alone neither lets anyone in nor tells them anything. `sid_hash` and `sub` find the sessions a
 * back-channel logout ends. Also indexes for the board's "as it stood at a decision" choices and one cell's board.
 */
export class ConsoleSession1764489600000 implements MigrationInterface {
  name = 'ConsoleSession1764489600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE console_session (
        id_hash bytea PRIMARY KEY CHECK (octet_length(id_hash) = 32),
        sub text NOT NULL,
        sid_hash bytea,
        sealed bytea NOT NULL,
        access_expires_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX console_session_sub ON console_session (sub)`);
    await q.query(`CREATE INDEX console_session_sid ON console_session (sid_hash) WHERE sid_hash IS NOT NULL`);
    await q.query(`CREATE INDEX console_session_ends_at ON console_session (ends_at)`);
    await q.query(
      `CREATE INDEX journal_decision_logged ON journal (seq) WHERE type = 'decision.logged' AND seq IS NOT NULL`,
    );
    // The board of one cell (`?cell=`): a national board holds some 17,000 current items.
    await q.query(`CREATE INDEX board_item_cell_current ON board_item (cell) WHERE seq_to IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX board_item_cell_current, journal_decision_logged`);
    await q.query(`DROP TABLE console_session`);
  }
}
