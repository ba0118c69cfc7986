/**
 * Live events travel from the relay to every api process through one Redis stream. Entry ids are
 * `<seq>-0`, so a republished event is refused by Redis and readers resume by position.
 */
export function liveStreamKey(prefix: string): string {
  return `${prefix}:live:events`;
}

export function entryId(seq: number): string {
  return `${seq}-0`;
}

export function seqOfEntryId(id: string): number {
  return Number(id.split('-')[0]);
}

export const LIVE_FIELD = 'e';
