import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { IdempotencyClaim } from '../request-context';

export interface StoredResponse {
  requestHash: string;
  status: number;
  body: unknown;
}

/** A repeat within this window returns the first response (contract: Conventions). */
const WINDOW = `interval '24 hours'`;

@Injectable()
export class IdempotencyStore {
  constructor(private readonly dataSource: DataSource) {}

  async find(principal: string, key: string): Promise<StoredResponse | undefined> {
    const rows: Array<{ request_hash: string; status: number; body: unknown }> = await this.dataSource.query(
      `SELECT request_hash, status, body FROM idempotency_record
        WHERE principal = $1 AND key = $2 AND created_at > now() - ${WINDOW}`,
      [principal, key],
    );
    const row = rows[0];
    return row && { requestHash: row.request_hash, status: row.status, body: row.body };
  }

  /**
   * Records the response inside the request's own transaction. Returns false when the key is
   * already held (a concurrent twin committed first), so the caller rolls back and replays.
   */
  static async record(manager: EntityManager, claim: IdempotencyClaim, body: unknown): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO idempotency_record (principal, key, request_hash, status, body)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (principal, key) DO UPDATE
         SET request_hash = EXCLUDED.request_hash, status = EXCLUDED.status, body = EXCLUDED.body, created_at = now()
         WHERE idempotency_record.created_at <= now() - ${WINDOW}
       RETURNING 1`,
      [claim.principal, claim.key, claim.requestHash, claim.status, JSON.stringify(body ?? null)],
    );
    return rows.length === 1;
  }
}
