import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Private feed URLs. A key is kept only as its SHA-256 (a copy of the table opens no feed); the URL is
 * shown once, when it is made. `feed_reader` holds each owner's claims as of their last sign-in or token
 * (`claims_at`), which is who the URL reads as. Also an index for an authority's returns across cells.
 */
export class FeedTokens1764576000000 implements MigrationInterface {
  name = 'FeedTokens1764576000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE feed_reader (
        sub text PRIMARY KEY,
        name text NOT NULL,
        roles text[] NOT NULL,
        authority text,
        cells text[] NOT NULL,
        clearance text NOT NULL,
        claims_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE feed_token (
        id uuid PRIMARY KEY,
        sub text NOT NULL REFERENCES feed_reader (sub) ON DELETE CASCADE,
        key_hash bytea NOT NULL UNIQUE CHECK (octet_length(key_hash) = 32),
        label text NOT NULL,
        created_at timestamptz NOT NULL,
        last_used_at timestamptz
      )`);
    await q.query(`CREATE INDEX feed_token_sub ON feed_token (sub, created_at DESC)`);
    await q.query(`CREATE INDEX sitrep_authority_date ON sitrep (authority, date DESC, cell, version DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX sitrep_authority_date`);
    await q.query(`DROP TABLE feed_token, feed_reader`);
  }
}
