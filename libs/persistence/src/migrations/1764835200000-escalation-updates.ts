import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Escalation updates and withdrawal: the raiser's `needed_by`, the latest promised update
 * (`next_update_due`) and the promise already re-alerted for (`update_overdue_for`), and the `withdrawn`
 * status. Reconciliation reads every promise still owed a re-alert: only those are indexed. Also an index for
 * a cell's handovers, read from its `cell.stood-down` events.
 */
export class EscalationUpdates1764835200000 implements MigrationInterface {
  name = 'EscalationUpdates1764835200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE escalation
        ADD COLUMN needed_by timestamptz,
        ADD COLUMN next_update_due timestamptz,
        ADD COLUMN update_overdue_for timestamptz`);
    await q.query(`ALTER TABLE escalation DROP CONSTRAINT escalation_status_check`);
    await q.query(
      `ALTER TABLE escalation ADD CONSTRAINT escalation_status_check CHECK (status IN ('open', 'acknowledged', 'resolved', 'withdrawn'))`,
    );
    await q.query(`
      CREATE INDEX escalation_update_owed ON escalation (next_update_due)
        WHERE next_update_due IS NOT NULL AND status IN ('open', 'acknowledged')`);
    // A cell's handovers are read from its stand-down events in the journal.
    await q.query(`CREATE INDEX journal_cell_stood_down ON journal (cell, id) WHERE type = 'cell.stood-down'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX journal_cell_stood_down`);
    await q.query(`DROP INDEX escalation_update_owed`);
    await q.query(`ALTER TABLE escalation DROP CONSTRAINT escalation_status_check`);
    await q.query(
      `ALTER TABLE escalation ADD CONSTRAINT escalation_status_check CHECK (status IN ('open', 'acknowledged', 'resolved'))`,
    );
    await q.query(
      `ALTER TABLE escalation DROP COLUMN needed_by, DROP COLUMN next_update_due, DROP COLUMN update_overdue_for`,
    );
  }
}
