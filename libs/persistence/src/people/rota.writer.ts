import { EntityManager } from 'typeorm';
import { RotaWriter } from '@muster/application';
import type { Rota } from '@muster/domain';
import { writerFor } from '../transaction-writers';

interface ShiftRow {
  sub: string;
  starts_at: Date;
  ends_at: Date;
}

export class TransactionalRotaWriter extends RotaWriter {
  constructor(private readonly manager: EntityManager) {
    super();
  }

  async lock(scope: string): Promise<Rota> {
    await this.manager.query(`INSERT INTO rota (scope) VALUES ($1) ON CONFLICT (scope) DO NOTHING`, [scope]);
    await this.manager.query(`SELECT 1 FROM rota WHERE scope = $1 FOR UPDATE`, [scope]);
    const rows: ShiftRow[] = await this.manager.query(
      `SELECT sub, starts_at, ends_at FROM rota_shift WHERE scope = $1 ORDER BY starts_at`,
      [scope],
    );
    return { scope, shifts: rows.map((r) => ({ sub: r.sub, from: r.starts_at, to: r.ends_at })) };
  }

  async replace(rota: Rota): Promise<void> {
    await this.manager.query(`DELETE FROM rota_shift WHERE scope = $1`, [rota.scope]);
    if (rota.shifts.length === 0) return;
    await this.manager.query(
      `INSERT INTO rota_shift (scope, sub, starts_at, ends_at)
       SELECT $1, * FROM unnest($2::text[], $3::timestamptz[], $4::timestamptz[])`,
      [rota.scope, rota.shifts.map((s) => s.sub), rota.shifts.map((s) => s.from), rota.shifts.map((s) => s.to)],
    );
  }
}

export const rotaWriter = writerFor(RotaWriter, (manager) => new TransactionalRotaWriter(manager));
