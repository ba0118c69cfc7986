import { DomainError } from '@muster/domain';
import { type AggregateWriter } from '@muster/application';
import type { FakeTables } from '../fake-store';

/** Aggregates by id with the real writer's version check. */
export class FakeAggregates<T extends { id: string; version: number }> implements FakeTables<AggregateWriter<T>> {
  readonly rows = new Map<string, T>();
  /** Makes every insert fail, to show a unit of work is all or nothing. */
  failInsert = false;

  constructor(
    /** The writer port these tables fake: the writer handed out is one of its instances. */
    private readonly port: abstract new () => AggregateWriter<T>,
    private readonly name: string,
    /** Methods a port adds to the aggregate writer's, over the transaction's draft. */
    private readonly extra: (draft: ReadonlyMap<string, T>) => object = () => ({}),
  ) {}

  /** Stores aggregates directly, as if written earlier. */
  hold(...aggregates: T[]): this {
    for (const aggregate of aggregates) this.rows.set(aggregate.id, aggregate);
    return this;
  }

  begin() {
    const draft = new Map(this.rows);
    const failing = () => this.failInsert;
    const { name } = this;
    const writer = new (class extends this.port {
      async insert(aggregate: T): Promise<void> {
        if (failing()) throw new Error(`${name} store unavailable`);
        draft.set(aggregate.id, aggregate);
      }
      async update(aggregate: T, expectedVersion: number): Promise<void> {
        if (draft.get(aggregate.id)?.version !== expectedVersion)
          throw new DomainError('conflict', 'changed by someone else');
        draft.set(aggregate.id, aggregate);
      }
      async lock(id: string): Promise<T | undefined> {
        return draft.get(id);
      }
    })();
    Object.assign(writer, this.extra(draft));
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
