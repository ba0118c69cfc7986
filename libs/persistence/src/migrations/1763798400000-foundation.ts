import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reference data, the decision log (a hash chain per cell), the journal every event goes through,
 * the relay's checkpoint and idempotency records. The log and the journal refuse edits at the
 * database level too: evidence is appended, never changed.
 */
export class Foundation1763798400000 implements MigrationInterface {
  name = 'Foundation1763798400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE authority (
        code text PRIMARY KEY,
        name text NOT NULL,
        kind text NOT NULL,
        valid_from date NOT NULL,
        valid_to date
      )`);
    await q.query(`
      CREATE TABLE cell (
        slug text PRIMARY KEY,
        name text NOT NULL,
        description text NOT NULL DEFAULT '',
        status text NOT NULL DEFAULT 'standby' CHECK (status IN ('standby', 'active', 'stood-down')),
        lead text,
        decision_timescale_minutes integer NOT NULL CHECK (decision_timescale_minutes > 0),
        figures jsonb NOT NULL,
        thresholds jsonb NOT NULL,
        activation_criteria jsonb NOT NULL DEFAULT '[]',
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE decision_log_entry (
        id uuid PRIMARY KEY,
        cell text NOT NULL REFERENCES cell (slug),
        sequence integer NOT NULL CHECK (sequence > 0),
        kind text NOT NULL CHECK (kind IN ('decision', 'amendment')),
        amends uuid REFERENCES decision_log_entry (id),
        marking text NOT NULL CHECK (marking IN ('OFFICIAL', 'OFFICIAL-SENSITIVE')),
        authorities text[] NOT NULL,
        recorded_at timestamptz NOT NULL,
        recorded_by jsonb NOT NULL,
        body jsonb NOT NULL,
        hash char(64) NOT NULL,
        prev_hash char(64) NOT NULL,
        CONSTRAINT decision_log_entry_cell_sequence UNIQUE (cell, sequence)
      )`);
    await q.query(`CREATE INDEX decision_log_entry_amends ON decision_log_entry (amends) WHERE amends IS NOT NULL`);
    await q.query(`
      CREATE TABLE decision_log_head (
        cell text PRIMARY KEY REFERENCES cell (slug),
        sequence integer NOT NULL DEFAULT 0,
        hash char(64) NOT NULL DEFAULT repeat('0', 64)
      )`);
    await q.query(`
      CREATE TABLE journal (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        seq bigint UNIQUE,
        event_id uuid NOT NULL UNIQUE,
        type text NOT NULL,
        occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        cell text,
        authority text,
        authorities text[] NOT NULL DEFAULT '{}',
        topics text[] NOT NULL,
        marking text NOT NULL CHECK (marking IN ('OFFICIAL', 'OFFICIAL-SENSITIVE')),
        data jsonb NOT NULL,
        actor text NOT NULL,
        correlation_id text
      )`);
    // The relay's queue: rows committed but not yet given their global position.
    await q.query(`CREATE INDEX journal_unsequenced ON journal (id) WHERE seq IS NULL`);
    await q.query(`
      CREATE TABLE relay_state (
        name text PRIMARY KEY,
        sequenced bigint NOT NULL DEFAULT 0,
        published bigint NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`INSERT INTO relay_state (name) VALUES ('live')`);
    await q.query(`
      CREATE TABLE idempotency_record (
        principal text NOT NULL,
        key text NOT NULL,
        request_hash char(64) NOT NULL,
        status integer NOT NULL,
        body jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (principal, key)
      )`);
    await q.query(`CREATE INDEX idempotency_record_created_at ON idempotency_record (created_at)`);

    await q.query(`
      CREATE FUNCTION muster_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER decision_log_entry_append_only BEFORE UPDATE OR DELETE ON decision_log_entry
      FOR EACH ROW EXECUTE FUNCTION muster_refuse_change()`);
    // The relay gives each journal row its position once; nothing else about a row may change.
    await q.query(`
      CREATE FUNCTION muster_journal_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' OR OLD.seq IS NOT NULL OR NEW.seq IS NULL
           OR (to_jsonb(NEW) - 'seq') IS DISTINCT FROM (to_jsonb(OLD) - 'seq') THEN
          RAISE EXCEPTION 'journal is append-only' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER journal_append_only BEFORE UPDATE OR DELETE ON journal
      FOR EACH ROW EXECUTE FUNCTION muster_journal_guard()`);
    // Row triggers do not see TRUNCATE; statement triggers refuse it.
    await q.query(`
      CREATE TRIGGER decision_log_entry_no_truncate BEFORE TRUNCATE ON decision_log_entry
      FOR EACH STATEMENT EXECUTE FUNCTION muster_refuse_change()`);
    await q.query(`
      CREATE TRIGGER journal_no_truncate BEFORE TRUNCATE ON journal
      FOR EACH STATEMENT EXECUTE FUNCTION muster_refuse_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DROP TABLE idempotency_record, relay_state, journal, decision_log_head, decision_log_entry, cell, authority`,
    );
    await q.query(`DROP FUNCTION muster_journal_guard(), muster_refuse_change()`);
  }
}
