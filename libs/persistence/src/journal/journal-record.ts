import type { EventType, JournalRecord, Marking } from '@muster/contracts';

export interface JournalRow {
  seq: string;
  type: EventType;
  occurred_at: Date;
  cell: string | null;
  authority: string | null;
  authorities: string[];
  topics: string[];
  marking: Marking;
  data: Record<string, unknown>;
}

export const JOURNAL_COLUMNS = 'seq, type, occurred_at, cell, authority, authorities, topics, marking, data';

export function toJournalRecord(row: JournalRow): JournalRecord {
  return {
    seq: Number(row.seq),
    type: row.type,
    at: row.occurred_at.toISOString(),
    cell: row.cell ?? undefined,
    authority: row.authority ?? undefined,
    authorities: row.authorities,
    topics: row.topics,
    marking: row.marking,
    data: row.data,
  };
}
