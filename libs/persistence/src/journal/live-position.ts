import { DataSource } from 'typeorm';
import type { LivePosition } from '@muster/application';

/** Where live delivery stands, read in one statement so the epoch and the position always agree. */
export async function readLivePosition(dataSource: DataSource): Promise<LivePosition> {
  const rows: Array<{ sequenced: string; stream_epoch: string | null }> = await dataSource.query(
    `SELECT sequenced, stream_epoch FROM relay_state WHERE name = 'live'`,
  );
  return { epoch: rows[0]?.stream_epoch ?? undefined, sequenced: Number(rows[0]?.sequenced ?? 0) };
}
