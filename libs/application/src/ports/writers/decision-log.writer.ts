import type { ChainHead, LogEntry } from '@muster/domain';

/** A cell's chain head, locked until commit, and the journal position the system had reached when it was locked. */
export interface LockedHead {
  head: ChainHead | undefined;
  journalPosition: number;
}

/** The decision log as seen inside a write transaction (`tx.get(DecisionLogWriter)`). */
export abstract class DecisionLogWriter {
  /** Locks the cell's chain head until commit, so appends to one cell are serialised. */
  abstract lockHead(cell: string): Promise<LockedHead>;
  /** Entries linked in order onto the locked head; the last becomes the new head. */
  abstract append(entries: readonly LogEntry[]): Promise<void>;
}
