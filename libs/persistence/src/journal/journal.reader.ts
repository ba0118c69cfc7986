import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JOURNAL_COLUMNS, JournalRecord, JournalRow, toJournalRecord } from './journal-record';
import { LivePosition, readLivePosition } from './live-position';

/** Reads the journal by global position, for live replay and for filling gaps in live delivery. */
@Injectable()
export class JournalReader {
  constructor(private readonly dataSource: DataSource) {}

  /** The highest position given so far: everything up to it is committed and readable. */
  async lastSequenced(): Promise<number> {
    const rows: Array<{ sequenced: string }> = await this.dataSource.query(
      `SELECT sequenced FROM relay_state WHERE name = 'live'`,
    );
    return Number(rows[0]?.sequenced ?? 0);
  }

  /** The live stream to follow and the highest position given, read together. */
  livePosition(): Promise<LivePosition> {
    return readLivePosition(this.dataSource);
  }

  /** Records with after < seq <= through, in order; limited to those on any of `topics` when given. */
  async range(after: number, through: number, limit: number, topics?: readonly string[]): Promise<JournalRecord[]> {
    const rows: JournalRow[] = await this.dataSource.query(
      `SELECT ${JOURNAL_COLUMNS} FROM journal
        WHERE seq > $1 AND seq <= $2 ${topics ? 'AND topics && $4::text[]' : ''}
        ORDER BY seq LIMIT $3`,
      topics ? [after, through, limit, topics] : [after, through, limit],
    );
    return rows.map(toJournalRecord);
  }
}
