import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Actions of logged decisions as tracked records (issue 14). Each row carries its decision's marking and
 * authorities, so lists filter by need to know in SQL before they limit. The decision log stays the
 * evidence: an action's identity and text come from its entries, its status and history live here.
 */
export class Actions1764921600000 implements MigrationInterface {
  name = 'Actions1764921600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE action (
        id uuid PRIMARY KEY,
        cell text NOT NULL REFERENCES cell (slug),
        decision_id uuid NOT NULL,
        decision_sequence integer NOT NULL CHECK (decision_sequence > 0),
        action text NOT NULL,
        owner text NOT NULL,
        due timestamptz,
        status text NOT NULL CHECK (status IN ('open', 'done', 'dropped', 'overdue')),
        marking text NOT NULL CHECK (marking IN ('OFFICIAL', 'OFFICIAL-SENSITIVE')),
        authorities text[] NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        history jsonb NOT NULL,
        version integer NOT NULL CHECK (version > 0)
      )`);
    // Lists page by creation (a cell's, an owner's); reconciliation reads the open ones with a due time.
    await q.query(`CREATE INDEX action_cell_created ON action (cell, created_at, id)`);
    await q.query(`CREATE INDEX action_owner_created ON action (owner, created_at, id)`);
    await q.query(`CREATE INDEX action_decision ON action (decision_id)`);
    await q.query(`CREATE INDEX action_open_due ON action (due) WHERE status = 'open' AND due IS NOT NULL`);
    // The board counts each cell's actions by status, as of any journal position.
    await q.query(`ALTER TABLE board_item DROP CONSTRAINT board_item_kind_check`);
    await q.query(
      `ALTER TABLE board_item ADD CONSTRAINT board_item_kind_check CHECK (kind IN ('cell', 'sitrep', 'escalation', 'request', 'action'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM board_item WHERE kind = 'action'`);
    await q.query(`ALTER TABLE board_item DROP CONSTRAINT board_item_kind_check`);
    await q.query(
      `ALTER TABLE board_item ADD CONSTRAINT board_item_kind_check CHECK (kind IN ('cell', 'sitrep', 'escalation', 'request'))`,
    );
    await q.query(`DROP TABLE action`);
  }
}
