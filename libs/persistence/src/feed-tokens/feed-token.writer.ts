import { EntityManager } from 'typeorm';
import { type FeedReaderClaims, FeedTokenWriter } from '@muster/application';
import type { FeedToken } from '@muster/domain';
import { writerFor } from '../transaction-writers';
import { readerValues } from './feed-token.repository';

const INSERT_READER = `INSERT INTO feed_reader (sub, name, roles, authority, cells, clearance, claims_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`;

export class TransactionalFeedTokenWriter extends FeedTokenWriter {
  constructor(private readonly manager: EntityManager) {
    super();
  }

  async lockOwner(owner: FeedReaderClaims, claimsAt: Date): Promise<number> {
    // Claims already held were noted from a sign-in or token at least as recent as this request's.
    await this.manager.query(`${INSERT_READER} ON CONFLICT (sub) DO NOTHING`, readerValues(owner, claimsAt));
    await this.manager.query(`SELECT 1 FROM feed_reader WHERE sub = $1 FOR UPDATE`, [owner.sub]);
    const [held] = await this.manager.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM feed_token WHERE sub = $1`,
      [owner.sub],
    );
    return held?.n ?? 0;
  }

  async insert(owner: string, token: FeedToken): Promise<void> {
    await this.manager.query(
      `INSERT INTO feed_token (id, sub, key_hash, label, created_at) VALUES ($1, $2, $3, $4, $5)`,
      [token.id, owner, Buffer.from(token.keyHash), token.label, token.createdAt],
    );
  }
}

export const feedTokenWriter = writerFor(FeedTokenWriter, (manager) => new TransactionalFeedTokenWriter(manager));
