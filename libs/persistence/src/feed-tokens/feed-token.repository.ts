import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FeedReaderClaims, FeedTokenStore, FeedTokenSummary, IdempotencyClaim, IdempotencyKeyTaken, NewFeedToken } from '@muster/application';
import type { Marking, Role } from '@muster/contracts';
import { IdempotencyStore } from '../idempotency/idempotency.store';

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

const INSERT_READER = `INSERT INTO feed_reader (sub, name, roles, authority, cells, clearance, claims_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`;

/** A key counts as used again after this long: a reader polling every minute writes a row every few. */
const USE_RECORDED_EVERY = '5 minutes';

function readerValues(owner: FeedReaderClaims, claimsAt: Date): unknown[] {
  return [owner.sub, owner.name, owner.roles, owner.authority ?? null, owner.cells, owner.clearance, claimsAt];
}

/** Private feed URLs (feed_token, by key hash) and their owners' claims (feed_reader). */
@Injectable()
export class FeedTokenRepository extends FeedTokenStore {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async create(owner: FeedReaderClaims, claimsAt: Date, token: NewFeedToken, limit: number, claim?: IdempotencyClaim): Promise<'created' | 'at-limit'> {
    const outcome = await this.dataSource.transaction(async (manager): Promise<'created' | 'at-limit'> => {
      // Claims already held were noted from a sign-in or token at least as recent as this request's.
      await manager.query(`${INSERT_READER} ON CONFLICT (sub) DO NOTHING`, readerValues(owner, claimsAt));
      // The owner's row, locked: two creations at once count one after the other.
      await manager.query(`SELECT 1 FROM feed_reader WHERE sub = $1 FOR UPDATE`, [owner.sub]);
      const [held] = (await manager.query(`SELECT count(*)::int AS n FROM feed_token WHERE sub = $1`, [owner.sub])) as Array<{ n: number }>;
      if ((held?.n ?? 0) >= limit) return 'at-limit';
      await manager.query(`INSERT INTO feed_token (id, sub, key_hash, label, created_at) VALUES ($1, $2, $3, $4, $5)`, [
        token.id,
        owner.sub,
        Buffer.from(token.keyHash),
        token.label,
        token.createdAt,
      ]);
      if (claim !== undefined && claim.recorded !== true) {
        const taken = await IdempotencyStore.recordAll(manager, [{ claim, body: { id: token.id } }]);
        if (taken.size > 0) throw new IdempotencyKeyTaken(claim);
      }
      return 'created';
    });
    if (claim !== undefined && outcome === 'created') claim.recorded = true;
    return outcome;
  }

  async list(sub: string): Promise<FeedTokenSummary[]> {
    const rows: TokenRow[] = await this.dataSource.query(
      `SELECT id, label, created_at, last_used_at FROM feed_token WHERE sub = $1 ORDER BY created_at DESC, id`,
      [sub],
    );
    return rows.map((row) => ({ id: row.id, label: row.label, createdAt: row.created_at, lastUsedAt: row.last_used_at }));
  }

  async revoke(sub: string, id: string): Promise<boolean> {
    const [, count] = (await this.dataSource.query(`DELETE FROM feed_token WHERE sub = $1 AND id = $2`, [sub, id])) as [unknown, number];
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
