import { MigrationInterface, QueryRunner } from 'typeorm';

/** The local time of day by which authorities report a cell's figures; after it, silence is staleness. */
export class SitrepCutoff1763971200000 implements MigrationInterface {
  name = 'SitrepCutoff1763971200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE cell ADD COLUMN sitrep_cutoff text NOT NULL DEFAULT '10:00'
        CHECK (sitrep_cutoff ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cell DROP COLUMN sitrep_cutoff`);
  }
}
