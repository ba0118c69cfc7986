import { LogEntry } from '@muster/domain';
import { DecisionLogEntryEntity } from '../entities';

export function toLogEntry(row: DecisionLogEntryEntity): LogEntry {
  return {
    id: row.id,
    cell: row.cell,
    sequence: row.sequence,
    marking: row.marking,
    authorities: row.authorities,
    recordedAt: row.recordedAt.toISOString(),
    recordedBy: row.recordedBy,
    body: row.body,
    hash: row.hash,
    prevHash: row.prevHash,
  };
}

export function toEntity(entry: LogEntry): DecisionLogEntryEntity {
  const row = new DecisionLogEntryEntity();
  row.id = entry.id;
  row.cell = entry.cell;
  row.sequence = entry.sequence;
  row.kind = entry.body.kind;
  row.amends = entry.body.kind === 'amendment' ? entry.body.amends : null;
  row.marking = entry.marking;
  row.authorities = entry.authorities;
  row.recordedAt = new Date(entry.recordedAt);
  row.recordedBy = entry.recordedBy;
  row.body = entry.body;
  row.hash = entry.hash;
  row.prevHash = entry.prevHash;
  return row;
}
