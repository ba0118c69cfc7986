import type { JournalRecord } from '@muster/persistence';

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
