import { MigrationInterface, QueryRunner } from 'typeorm';

/** Metrics count unresolved escalations by level and state at every scrape: an index of those alone keeps it cheap. */
export class Operations1764403200000 implements MigrationInterface {
  name = 'Operations1764403200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX escalation_unresolved ON escalation (level, status, overdue) WHERE status <> 'resolved'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX escalation_unresolved`);
  }
}
