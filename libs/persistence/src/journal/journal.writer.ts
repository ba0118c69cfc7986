import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { JournalAppend, JournalWriter } from '@muster/application';
import { topicsOf } from '@muster/contracts';
import { DomainEvent } from '@muster/domain';
import { valueRows } from '../sql/value-rows';

/** Wakes the relay when a transaction that appended events commits (NOTIFY is delivered on commit). */
export const JOURNAL_CHANNEL = 'muster_journal';

export class TransactionalJournalWriter implements JournalWriter {
  private appended = false;

  constructor(
    private readonly manager: EntityManager,
    private readonly correlationId: string | undefined,
  ) {}

  append(events: readonly DomainEvent[], actor: string): Promise<void> {
    return this.appendEach([{ events, actor }]);
  }

  async appendEach(appends: readonly JournalAppend[]): Promise<void> {
    const rows = appends.flatMap(({ events, actor, scope }) =>
      events.map((event) => ({
        event,
        actor,
        correlationId: scope === undefined ? this.correlationId : scope.correlationId,
      })),
    );
    if (rows.length === 0) return;
    const { tuples, values } = valueRows(
      rows.map(({ event, actor, correlationId }) => [
        randomUUID(),
        event.type,
        event.cell ?? null,
        event.authority ?? null,
        event.authorities,
        topicsOf(event),
        event.marking,
        JSON.stringify(event.data),
        actor,
        correlationId ?? null,
      ]),
    );
    // The NOTIFY (delivered at commit) rides on the insert: one round trip per append.
    const notify = this.appended
      ? ''
      : `, notified AS (SELECT pg_notify('${JOURNAL_CHANNEL}', '') FROM (SELECT 1) AS once)`;
    this.appended = true;
    await this.manager.query(
      `WITH inserted AS (
         INSERT INTO journal (event_id, type, cell, authority, authorities, topics, marking, data, actor, correlation_id)
         VALUES ${tuples}
         RETURNING 1
       )${notify}
       SELECT count(*) FROM inserted${notify === '' ? '' : ', notified'}`,
      values,
    );
  }
}
