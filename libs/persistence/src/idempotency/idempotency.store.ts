import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { type IdempotencyClaim, IdempotencyRecords, type StoredResponse } from '@muster/application';
import { valueRows } from '../sql/value-rows';

/** A repeat within this window returns the first response (contract: Conventions). */
const WINDOW = `interval '24 hours'`;

@Injectable()
export class IdempotencyStore extends IdempotencyRecords {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

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
   * Records responses inside the requests' own transaction. Returns the claims that could not be
   * recorded because their key is already held (a concurrent twin committed first, or an earlier claim
   * in the same batch), so the caller rolls back and replays them.
   */
  static async recordAll(
    manager: EntityManager,
    responses: ReadonlyArray<{ claim: IdempotencyClaim; body: unknown }>,
  ): Promise<Set<IdempotencyClaim>> {
    const idOf = (principal: string, key: string): string => JSON.stringify([principal, key]);
    const taken = new Set<IdempotencyClaim>();
    const first = new Map<string, { claim: IdempotencyClaim; body: unknown }>();
    for (const response of responses) {
      const id = idOf(response.claim.principal, response.claim.key);
      if (first.has(id)) taken.add(response.claim);
      else first.set(id, response);
    }
    if (first.size === 0) return taken;
    const { tuples, values } = valueRows(
      [...first.values()].map(({ claim, body }) => [
        claim.principal,
        claim.key,
        claim.requestHash,
        claim.status,
        JSON.stringify(body ?? null),
      ]),
      { 3: 'int', 4: 'jsonb' },
    );
    const recorded: Array<{ principal: string; key: string }> = await manager.query(
      `INSERT INTO idempotency_record (principal, key, request_hash, status, body)
       VALUES ${tuples}
       ON CONFLICT (principal, key) DO UPDATE
         SET request_hash = EXCLUDED.request_hash, status = EXCLUDED.status, body = EXCLUDED.body, created_at = now()
         WHERE idempotency_record.created_at <= now() - ${WINDOW}
       RETURNING principal, key`,
      values,
    );
    const stored = new Set(recorded.map((row) => idOf(row.principal, row.key)));
    for (const { claim } of responses) {
      if (!stored.has(idOf(claim.principal, claim.key))) taken.add(claim);
    }
    return taken;
  }
}
