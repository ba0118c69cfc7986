import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Situation reports (every version kept), the board projection (each item valid over a range of journal
 * positions, so the picture at any past position can be read back) and the published daily feeds.
 */
export class Situation1764057600000 implements MigrationInterface {
  name = 'Situation1764057600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sitrep (
        cell text NOT NULL REFERENCES cell (slug),
        authority text NOT NULL REFERENCES authority (code),
        date date NOT NULL,
        version integer NOT NULL CHECK (version > 0),
        figures jsonb NOT NULL,
        narrative text,
        rag text CHECK (rag IN ('green', 'amber', 'red')),
        submitted_by jsonb NOT NULL,
        submitted_at timestamptz NOT NULL,
        PRIMARY KEY (cell, authority, date, version)
      )`);
    // The feed and the board read a bounded window of recent days per cell, newest first.
    await q.query(`CREATE INDEX sitrep_cell_date ON sitrep (cell, date DESC, authority, version DESC)`);
    await q.query(`ALTER TABLE cell ADD COLUMN activation_episode_open boolean NOT NULL DEFAULT false`);
    await q.query(`
      CREATE TABLE board_item (
        kind text NOT NULL CHECK (kind IN ('cell', 'sitrep', 'escalation', 'request')),
        key text NOT NULL,
        seq_from bigint NOT NULL,
        seq_to bigint,
        cell text,
        data jsonb NOT NULL,
        PRIMARY KEY (kind, key, seq_from)
      )`);
    await q.query(`CREATE INDEX board_item_current ON board_item (kind, key) WHERE seq_to IS NULL`);
    await q.query(`CREATE INDEX board_item_range ON board_item (seq_from, seq_to)`);
    await q.query(`CREATE TABLE projection_checkpoint (name text PRIMARY KEY, seq bigint NOT NULL DEFAULT 0)`);
    await q.query(`INSERT INTO projection_checkpoint (name) VALUES ('board')`);
    await q.query(`
      CREATE TABLE daily_feed (
        date date NOT NULL,
        version integer NOT NULL,
        generated_at timestamptz NOT NULL,
        through_seq bigint NOT NULL,
        content jsonb NOT NULL,
        PRIMARY KEY (date, version)
      )`);
    await q.query(`
      CREATE TRIGGER daily_feed_immutable BEFORE UPDATE OR DELETE ON daily_feed
      FOR EACH ROW EXECUTE FUNCTION muster_refuse_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE daily_feed, projection_checkpoint, board_item, sitrep`);
    await q.query(`ALTER TABLE cell DROP COLUMN activation_episode_open`);
  }
}
