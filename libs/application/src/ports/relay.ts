import type { JournalRecord } from '@muster/contracts';
import type { LivePosition } from './live';

/**
 * The relay's view of the journal. Positions are given in the order transactions became visible, so a
 * transaction that commits late is sequenced late instead of skipped; the checkpoint moves only after
 * publishing.
 */
export abstract class RelayJournal {
  /** Gives the next committed, unsequenced events their positions; returns them in position order. */
  abstract sequenceNext(limit: number): Promise<JournalRecord[]>;
  /** Sequenced but not yet published, oldest first: what a crashed relay still owes. */
  abstract unpublished(limit: number): Promise<JournalRecord[]>;
  abstract markPublished(through: number): Promise<void>;
  /** The live stream's epoch and the last position given, read together. */
  abstract livePosition(): Promise<LivePosition>;
  /** Gives the live stream a new epoch unless it is no longer `previous`; returns the epoch now current. */
  abstract renewLiveEpoch(previous: string | undefined): Promise<string>;
  /** How far the relay has sequenced and published. */
  abstract state(): Promise<{ sequenced: number; published: number }>;
}

/** Keeps the board current from the journal; applying the same events twice changes nothing. */
export abstract class BoardProjector {
  abstract apply(records: readonly JournalRecord[]): Promise<void>;
}

export interface LeadershipEvents {
  /** Something was appended to the journal. */
  onNotify(): void;
  /** The lock was lost (the session ended): stop relaying. */
  onLost(error: unknown): void;
}

/** One attempt at being the active relay: holds the lock for as long as it lasts. */
export interface RelayLeadership {
  /** Tries once; true when this process is now the active relay. */
  tryAcquire(): Promise<boolean>;
  release(): Promise<void>;
}

/** Exactly one relay is active per database; the others stand by. */
export abstract class RelayLocks {
  abstract leadership(events: LeadershipEvents): RelayLeadership;
}
