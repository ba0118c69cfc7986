/**
 * Live events travel from the relay to every api process through one Redis stream. Entry ids are
 * `<seq>-0`, so a republished event is refused by Redis and readers resume by position. The key carries
 * the stream's epoch (kept in PostgreSQL), so a stream Redis kept from another database is never read.
 */
export function liveStreamKey(prefix: string, epoch: string): string {
  return `${liveStreamKeyStem(prefix)}:${epoch}`;
}

/** What every live stream key of a prefix starts with (and the whole key before epochs existed). */
export function liveStreamKeyStem(prefix: string): string {
  return `${prefix}:live:events`;
}

export function entryId(seq: number): string {
  return `${seq}-0`;
}

export function seqOfEntryId(id: string): number {
  return Number(id.split('-')[0]);
}

export const LIVE_FIELD = 'e';

/** Where live delivery stands in PostgreSQL: the stream's epoch (none before a first relay) and the last position given. */
export interface LiveStreamPosition {
  epoch: string | undefined;
  sequenced: number;
}
