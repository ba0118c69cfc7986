import { DomainError } from '@muster/domain';
import { type AggregateWriter } from '@muster/application';
import type { FakeTables } from '../fake-store';

/** Aggregates by id with the real writer's version check. */
export class FakeAggregates<T extends { id: string; version: number }> implements FakeTables<AggregateWriter<T>> {
  readonly rows = new Map<string, T>();
  /** Makes every insert fail, to show a unit of work is all or nothing. */
  failInsert = false;

  constructor(private readonly name: string) {}

  /** Stores aggregates directly, as if written earlier. */
  hold(...aggregates: T[]): this {
    for (const aggregate of aggregates) this.rows.set(aggregate.id, aggregate);
    return this;
  }

  begin() {
    const draft = new Map(this.rows);
    const writer: AggregateWriter<T> = {
      insert: async (aggregate) => {
        if (this.failInsert) throw new Error(`${this.name} store unavailable`);
        draft.set(aggregate.id, aggregate);
      },
      update: async (aggregate, expectedVersion) => {
        if (draft.get(aggregate.id)?.version !== expectedVersion) throw new DomainError('conflict', 'changed by someone else');
        draft.set(aggregate.id, aggregate);
      },
      lock: async (id) => draft.get(id),
    };
    const commit = () => {
      this.rows.clear();
      for (const [id, aggregate] of draft) this.rows.set(id, aggregate);
    };
    return { writer, commit };
  }

  snapshot(): unknown {
    return [...this.rows];
  }
}
