import type { JournalRecord } from '@muster/contracts';

/** Where live delivery stands in PostgreSQL, read in one statement so the two always agree. */
export interface LivePosition {
  /** The live stream's epoch; none before a relay has first run on this database. */
  epoch: string | undefined;
  /** The highest position given so far: everything up to it is committed and readable. */
  sequenced: number;
}

/** The journal by global position, as the api reads it: for live replay and to fill gaps in live delivery. */
export abstract class LiveJournal {
  /** The live stream to follow and the highest position given, read together. */
  abstract livePosition(): Promise<LivePosition>;
  /** Records with after < seq <= through, in order; limited to those on any of `topics` when given. */
  abstract range(after: number, through: number, limit: number, topics?: readonly string[]): Promise<JournalRecord[]>;
}
