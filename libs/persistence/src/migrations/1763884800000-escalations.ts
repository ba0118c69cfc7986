import { MigrationInterface, QueryRunner } from 'typeorm';

/** Escalations climbing the ladder and decision requests with deadlines; both version-checked aggregates. */
export class Escalations1763884800000 implements MigrationInterface {
  name = 'Escalations1763884800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE decision_request (
        id uuid PRIMARY KEY,
        cell text NOT NULL REFERENCES cell (slug),
        question text NOT NULL,
        context text,
        options jsonb,
        due_at timestamptz NOT NULL,
        marking text NOT NULL CHECK (marking IN ('OFFICIAL', 'OFFICIAL-SENSITIVE')),
        authority text REFERENCES authority (code),
        status text NOT NULL CHECK (status IN ('open', 'decided', 'overdue')),
        requested_by jsonb NOT NULL,
        requested_at timestamptz NOT NULL,
        decision_id uuid REFERENCES decision_log_entry (id),
        decided_at timestamptz,
        escalation_id uuid,
        overdue_at timestamptz,
        version integer NOT NULL
      )`);
    await q.query(`CREATE INDEX decision_request_cell_status ON decision_request (cell, status, due_at)`);
    // Reconciliation reads every open deadline; only open ones are indexed.
    await q.query(`CREATE INDEX decision_request_open_due ON decision_request (due_at) WHERE status = 'open'`);
    await q.query(`
      CREATE TABLE escalation (
        id uuid PRIMARY KEY,
        authority text REFERENCES authority (code),
        cell text NOT NULL REFERENCES cell (slug),
        title text NOT NULL,
        detail text NOT NULL,
        severity text NOT NULL CHECK (severity IN ('critical', 'high', 'medium', 'low')),
        ask text,
        marking text NOT NULL CHECK (marking IN ('OFFICIAL', 'OFFICIAL-SENSITIVE')),
        raised_by jsonb NOT NULL,
        raised_at timestamptz NOT NULL,
        level text NOT NULL CHECK (level IN ('cell', 'regional', 'national')),
        status text NOT NULL CHECK (status IN ('open', 'acknowledged', 'resolved')),
        ack_due_at timestamptz,
        overdue boolean NOT NULL DEFAULT false,
        decision_request_id uuid REFERENCES decision_request (id),
        version integer NOT NULL,
        history jsonb NOT NULL
      )`);
    await q.query(`CREATE INDEX escalation_raised_at ON escalation (raised_at DESC)`);
    await q.query(`CREATE INDEX escalation_authority ON escalation (authority, raised_at DESC)`);
    await q.query(`CREATE INDEX escalation_cell ON escalation (cell, raised_at DESC)`);
    await q.query(
      `CREATE INDEX escalation_pending_ack ON escalation (ack_due_at) WHERE status = 'open' AND NOT overdue`,
    );
    // A request raises at most one escalation for its missed deadline.
    await q.query(
      `CREATE UNIQUE INDEX escalation_one_per_request ON escalation (decision_request_id) WHERE decision_request_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE escalation, decision_request`);
  }
}
