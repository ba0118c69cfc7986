import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FeedReaderClaims, FeedTokenStore, FeedTokenSummary } from '@muster/application';
import type { Marking, Role } from '@muster/contracts';

interface ReaderRow {
  sub: string;
  name: string;
  roles: Role[];
  authority: string | null;
  cells: string[];
  clearance: Marking;
  claims_at: Date;
}

interface TokenRow {
  id: string;
  label: string;
  created_at: Date;
  last_used_at: Date | null;
}

/** A key counts as used again after this long: a reader polling every minute writes a row every few. */
const USE_RECORDED_EVERY = '5 minutes';

/** A feed_reader row's values in column order, as its insert (FeedTokenWriter) and its update take them. */
export function readerValues(owner: FeedReaderClaims, claimsAt: Date): unknown[] {
  return [owner.sub, owner.name, owner.roles, owner.authority ?? null, owner.cells, owner.clearance, claimsAt];
}

/** Private feed URLs (feed_token, by key hash) and their owners' claims (feed_reader). */
@Injectable()
export class FeedTokenRepository extends FeedTokenStore {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async list(sub: string): Promise<FeedTokenSummary[]> {
    const rows: TokenRow[] = await this.dataSource.query(
      `SELECT id, label, created_at, last_used_at FROM feed_token WHERE sub = $1 ORDER BY created_at DESC, id`,
      [sub],
    );
    return rows.map((row) => ({
      id: row.id,
      label: row.label,
      createdAt: row.created_at,
      lastUsedAt: row.last_used_at,
    }));
  }

  async revoke(sub: string, id: string): Promise<boolean> {
    const [, count] = await this.dataSource.query<[unknown, number]>(
      `DELETE FROM feed_token WHERE sub = $1 AND id = $2`,
      [sub, id],
    );
    return count > 0;
  }

  async ownerOf(keyHash: Uint8Array, now: Date): Promise<{ owner: FeedReaderClaims; claimsAt: Date } | undefined> {
    const rows: Array<ReaderRow & { token_id: string; last_used_at: Date | null }> = await this.dataSource.query(
      `SELECT t.id AS token_id, t.last_used_at, r.sub, r.name, r.roles, r.authority, r.cells, r.clearance, r.claims_at
         FROM feed_token t JOIN feed_reader r ON r.sub = t.sub WHERE t.key_hash = $1`,
      [Buffer.from(keyHash)],
    );
    const row = rows[0];
    if (row === undefined) return undefined;
    await this.dataSource.query(
      `UPDATE feed_token SET last_used_at = $2 WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $2::timestamptz - interval '${USE_RECORDED_EVERY}')`,
      [row.token_id, now],
    );
    return {
      owner: {
        sub: row.sub,
        name: row.name,
        roles: row.roles,
        ...(row.authority === null ? {} : { authority: row.authority }),
        cells: row.cells,
        clearance: row.clearance,
      },
      claimsAt: row.claims_at,
    };
  }

  async noteClaims(owner: FeedReaderClaims, claimsAt: Date): Promise<void> {
    // Only for someone who holds a feed URL: everyone else leaves no row.
    await this.dataSource.query(
      `UPDATE feed_reader SET name = $2, roles = $3, authority = $4, cells = $5, clearance = $6, claims_at = $7
        WHERE sub = $1 AND claims_at <= $7`,
      readerValues(owner, claimsAt),
    );
  }
}
