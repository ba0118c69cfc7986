import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The people directory and the rotas. A person's claims are refreshed at each sign-in; the contact details
 * and preferences are theirs to set (personal data: kept out of the journal, which is kept for good).
 * `rota` is one row per scope that has ever had a rota, locked while its shifts are replaced or handed over.
 * Escalations keep who holds their current level (`held_by`), from the rota when the level was reached.
 */
export class People1764662400000 implements MigrationInterface {
  name = 'People1764662400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE person (
        sub text PRIMARY KEY,
        name text NOT NULL,
        roles text[] NOT NULL,
        authority text,
        cells text[] NOT NULL,
        clearance text NOT NULL,
        email text,
        mobile text,
        teams_webhook text,
        preferences jsonb NOT NULL DEFAULT '{}',
        claims_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX person_roles ON person USING gin (roles)`);
    await q.query(`CREATE TABLE rota (scope text PRIMARY KEY)`);
    await q.query(`
      CREATE TABLE rota_shift (
        scope text NOT NULL REFERENCES rota (scope),
        sub text NOT NULL REFERENCES person (sub),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        CHECK (starts_at < ends_at),
        PRIMARY KEY (scope, starts_at)
      )`);
    await q.query(`CREATE INDEX rota_shift_ends ON rota_shift (scope, ends_at)`);
    await q.query(`CREATE INDEX rota_shift_sub ON rota_shift (sub)`);
    // Who holds an escalation's current level; a handover finds the open ones its holder held.
    await q.query(`ALTER TABLE escalation ADD COLUMN held_by jsonb`);
    await q.query(
      `CREATE INDEX escalation_held_by ON escalation ((held_by ->> 'key')) WHERE status <> 'resolved' AND held_by IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX escalation_held_by`);
    await q.query(`ALTER TABLE escalation DROP COLUMN held_by`);
    await q.query(`DROP TABLE rota_shift, rota, person`);
  }
}
