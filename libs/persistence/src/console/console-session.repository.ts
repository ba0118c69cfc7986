import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ConsoleSessionStore, NewConsoleSession, SessionRenewal, StoredConsoleSession } from '@muster/application';

interface SessionRow {
  sub: string;
  sealed: Buffer;
  access_expires_at: Date;
  ends_at: Date;
}

const COLUMNS = 'sub, sealed, access_expires_at, ends_at';

/** Console sessions (console_session), looked up by the hash of their id. */
@Injectable()
export class ConsoleSessionRepository extends ConsoleSessionStore {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async create(session: NewConsoleSession): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO console_session (id_hash, sub, sid_hash, sealed, access_expires_at, ends_at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        bytes(session.idHash),
        session.sub,
        session.sidHash ? bytes(session.sidHash) : null,
        bytes(session.sealed),
        session.accessExpiresAt,
        session.endsAt,
      ],
    );
  }

  async find(idHash: Uint8Array, now: Date): Promise<StoredConsoleSession | undefined> {
    const rows: SessionRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM console_session WHERE id_hash = $1 AND ends_at > $2`,
      [bytes(idHash), now],
    );
    return rows[0] === undefined ? undefined : stored(rows[0]);
  }

  renew(
    idHash: Uint8Array,
    now: Date,
    renew: (current: StoredConsoleSession) => Promise<SessionRenewal>,
  ): Promise<StoredConsoleSession | undefined> {
    return this.dataSource.transaction(async (manager: EntityManager) => {
      const rows: SessionRow[] = await manager.query(
        `SELECT ${COLUMNS} FROM console_session WHERE id_hash = $1 AND ends_at > $2 FOR UPDATE`,
        [bytes(idHash), now],
      );
      if (rows[0] === undefined) return undefined;
      const current = stored(rows[0]);
      const outcome = await renew(current);
      if (outcome === 'keep') return current;
      if (outcome === 'end') {
        await manager.query(`DELETE FROM console_session WHERE id_hash = $1`, [bytes(idHash)]);
        return undefined;
      }
      await manager.query(`UPDATE console_session SET sealed = $2, access_expires_at = $3 WHERE id_hash = $1`, [
        bytes(idHash),
        bytes(outcome.sealed),
        outcome.accessExpiresAt,
      ]);
      return { ...current, sealed: outcome.sealed, accessExpiresAt: outcome.accessExpiresAt };
    });
  }

  async end(idHash: Uint8Array): Promise<void> {
    await this.dataSource.query(`DELETE FROM console_session WHERE id_hash = $1`, [bytes(idHash)]);
  }

  async endProviderSessions({ sub, sidHash }: { sub?: string; sidHash?: Uint8Array }): Promise<number> {
    if (sidHash === undefined && sub === undefined) return 0;
    return this.deleted(`($1::bytea IS NULL OR sid_hash = $1) AND ($2::text IS NULL OR sub = $2)`, [
      sidHash ? bytes(sidHash) : null,
      sub ?? null,
    ]);
  }

  async purgeEnded(now: Date): Promise<number> {
    return this.deleted(`ends_at <= $1`, [now]);
  }

  private async deleted(where: string, parameters: unknown[]): Promise<number> {
    const rows: Array<{ n: number }> = await this.dataSource.query(
      `WITH gone AS (DELETE FROM console_session WHERE ${where} RETURNING 1) SELECT count(*)::int AS n FROM gone`,
      parameters,
    );
    return rows[0]?.n ?? 0;
  }
}

function stored(row: SessionRow): StoredConsoleSession {
  return {
    sub: row.sub,
    sealed: new Uint8Array(row.sealed),
    accessExpiresAt: row.access_expires_at,
    endsAt: row.ends_at,
  };
}

function bytes(value: Uint8Array): Buffer {
  return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
}
