import { EventType, LiveEvent, Marking } from '@muster/contracts';

/** A journal row once the relay has given it its global position. */
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

/** The `event` message clients receive. */
export function toLiveEvent(record: JournalRecord): LiveEvent {
  const event: LiveEvent = { seq: record.seq, type: record.type, at: record.at, marking: record.marking, data: record.data };
  if (record.cell !== undefined) event.cell = record.cell;
  if (record.authority !== undefined) event.authority = record.authority;
  return event;
}
