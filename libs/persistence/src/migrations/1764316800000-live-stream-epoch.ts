import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The live stream's epoch: a random id naming the Redis stream that carries this database's events. The
 * relay sets it on its first start and replaces it when Redis holds a stream PostgreSQL never sequenced (a
 * restored backup), so live delivery never depends on Redis agreeing with PostgreSQL.
 */
export class LiveStreamEpoch1764316800000 implements MigrationInterface {
  name = 'LiveStreamEpoch1764316800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE relay_state ADD COLUMN stream_epoch uuid`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE relay_state DROP COLUMN stream_epoch`);
  }
}
