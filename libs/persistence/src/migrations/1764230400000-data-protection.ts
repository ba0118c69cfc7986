import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The access audit log (who was shown which OFFICIAL-SENSITIVE item) and retention settings per record
 * type with a legal hold. The decision log and the journal have no row here: they are kept for good.
 */
export class DataProtection1764230400000 implements MigrationInterface {
  name = 'DataProtection1764230400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE access_audit (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        sub text NOT NULL,
        name text NOT NULL,
        action text NOT NULL,
        item_type text NOT NULL,
        item_id text NOT NULL,
        cell text,
        marking text NOT NULL
      )`);
    // Exports read a time range (optionally one subject's); the purge deletes the oldest first.
    await q.query(`CREATE INDEX access_audit_at ON access_audit (at, id)`);
    await q.query(`CREATE INDEX access_audit_sub_at ON access_audit (sub, at, id)`);
    await q.query(`
      CREATE TABLE retention_policy (
        record_type text PRIMARY KEY
          CHECK (record_type IN ('sitrep', 'idempotency-record', 'access-audit', 'resolved-escalation', 'decided-request')),
        retain_days integer CHECK (retain_days > 0),
        legal_hold boolean NOT NULL DEFAULT false,
        reason text,
        updated_by jsonb NOT NULL DEFAULT '"system"',
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Defaults: superseded sitrep versions a year, idempotency records past the 24 h replay window, the
    // audit log two years; closed escalations and requests are kept until an administrator sets a period.
    await q.query(`
      INSERT INTO retention_policy (record_type, retain_days, reason) VALUES
        ('sitrep', 365, 'default: superseded versions of a report, a year after they were replaced'),
        ('idempotency-record', 2, 'default: the contract replays a key for 24 hours'),
        ('access-audit', 730, 'default: two years'),
        ('resolved-escalation', NULL, 'default: kept until a records policy sets a period'),
        ('decided-request', NULL, 'default: kept until a records policy sets a period')`);
    // The purge finds closed escalations and requests by age without scanning open ones.
    await q.query(`CREATE INDEX escalation_resolved_raised_at ON escalation (raised_at) WHERE status = 'resolved'`);
    await q.query(`CREATE INDEX decision_request_decided_at ON decision_request (decided_at) WHERE status = 'decided'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX decision_request_decided_at, escalation_resolved_raised_at`);
    await q.query(`DROP TABLE retention_policy, access_audit`);
  }
}
