import type { EventType, LiveEvent } from './events';
import type { Marking } from './marking';

/**
 * A journal event once the relay has given it its global position: what the live stream carries from the
 * worker to every api process, and what the api reads back from the journal to fill gaps and replay.
 */
export interface JournalRecord {
  seq: number;
  type: EventType;
  at: string;
  cell?: string;
  authority?: string;
  authorities: string[];
  topics: string[];
  marking: Marking;
  data: Record<string, unknown>;
}

/** The `event` message clients receive. */
export function toLiveEvent(record: JournalRecord): LiveEvent {
  const event: LiveEvent = {
    seq: record.seq,
    type: record.type,
    at: record.at,
    marking: record.marking,
    data: record.data,
  };
  if (record.cell !== undefined) event.cell = record.cell;
  if (record.authority !== undefined) event.authority = record.authority;
  return event;
}

/** Entries on the Redis stream are trusted only as far as their shape; anything odd is re-read from the journal. */
export function isJournalRecord(value: unknown): value is JournalRecord {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.seq === 'number' &&
    typeof v.type === 'string' &&
    typeof v.at === 'string' &&
    (v.marking === 'OFFICIAL' || v.marking === 'OFFICIAL-SENSITIVE') &&
    Array.isArray(v.topics) &&
    Array.isArray(v.authorities) &&
    typeof v.data === 'object' &&
    v.data !== null
  );
}
