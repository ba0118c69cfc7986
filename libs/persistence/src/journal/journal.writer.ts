import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { JournalWriter } from '@muster/application';
import { topicsOf } from '@muster/contracts';
import { DomainEvent } from '@muster/domain';

/** Wakes the relay when a transaction that appended events commits (NOTIFY is delivered on commit). */
export const JOURNAL_CHANNEL = 'muster_journal';

export class TransactionalJournalWriter implements JournalWriter {
  private appended = false;

  constructor(
    private readonly manager: EntityManager,
    private readonly correlationId: string | undefined,
  ) {}

  async append(events: readonly DomainEvent[], actor: string): Promise<void> {
    if (events.length === 0) return;
    const values: unknown[] = [];
    const rows = events.map((event, index) => {
      const base = index * 10;
      values.push(
        randomUUID(),
        event.type,
        event.cell ?? null,
        event.authority ?? null,
        event.authorities,
        topicsOf(event),
        event.marking,
        JSON.stringify(event.data),
        actor,
        this.correlationId ?? null,
      );
      const params = Array.from({ length: 10 }, (_, i) => `$${base + i + 1}`);
      return `(${params.join(', ')})`;
    });
    // The NOTIFY (delivered at commit) rides on the insert: one round trip per append.
    const notify = this.appended ? '' : `, notified AS (SELECT pg_notify('${JOURNAL_CHANNEL}', '') FROM (SELECT 1) AS once)`;
    this.appended = true;
    await this.manager.query(
      `WITH inserted AS (
         INSERT INTO journal (event_id, type, cell, authority, authorities, topics, marking, data, actor, correlation_id)
         VALUES ${rows.join(', ')}
         RETURNING 1
       )${notify}
       SELECT count(*) FROM inserted${notify === '' ? '' : ', notified'}`,
      values,
    );
  }
}
