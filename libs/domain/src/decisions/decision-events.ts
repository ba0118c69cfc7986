import { DecisionAmendedData, DecisionLoggedData } from '@muster/contracts';
import { DomainEvent } from '../shared/domain-event';
import { LogEntry } from './decision';

export function decisionLogged(entry: LogEntry): DomainEvent<DecisionLoggedData> {
  if (entry.body.kind !== 'decision') throw new TypeError('not a decision entry');
  const { record } = entry.body;
  return {
    type: 'decision.logged',
    cell: entry.cell,
    authority: entry.authorities.length === 1 ? entry.authorities[0] : undefined,
    authorities: entry.authorities,
    marking: entry.marking,
    data: {
      id: entry.id,
      sequence: entry.sequence,
      title: record.title,
      decidedBy: record.decidedBy,
      decidedAt: record.decidedAt,
      recordedAt: entry.recordedAt,
      hash: entry.hash,
      authorities: entry.authorities,
    },
  };
}

export function decisionAmended(entry: LogEntry): DomainEvent<DecisionAmendedData> {
  if (entry.body.kind !== 'amendment') throw new TypeError('not an amendment entry');
  const { amends, amendment } = entry.body;
  return {
    type: 'decision.amended',
    cell: entry.cell,
    authority: entry.authorities.length === 1 ? entry.authorities[0] : undefined,
    authorities: entry.authorities,
    marking: entry.marking,
    data: {
      id: entry.id,
      amends,
      sequence: entry.sequence,
      reason: amendment.reason,
      changed: Object.keys(amendment.changes).sort(),
      recordedAt: entry.recordedAt,
      hash: entry.hash,
      authorities: entry.authorities,
    },
  };
}
