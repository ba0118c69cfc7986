import { DataSource } from 'typeorm';

/** Where live delivery stands in PostgreSQL, read in one statement so the two always agree. */
export interface LivePosition {
  /** The live stream's epoch; none before a relay has first run on this database. */
  epoch: string | undefined;
  /** The highest position given so far: everything up to it is committed and readable. */
  sequenced: number;
}

export async function readLivePosition(dataSource: DataSource): Promise<LivePosition> {
  const rows: Array<{ sequenced: string; stream_epoch: string | null }> = await dataSource.query(
    `SELECT sequenced, stream_epoch FROM relay_state WHERE name = 'live'`,
  );
  return { epoch: rows[0]?.stream_epoch ?? undefined, sequenced: Number(rows[0]?.sequenced ?? 0) };
}
