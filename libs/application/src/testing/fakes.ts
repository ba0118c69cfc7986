import { Authority, Cell, ChainHead, DecisionRequest, DomainError, DomainEvent, Escalation, LogEntry, SensitiveReach, withinReach } from '@muster/domain';
import { Clock } from '../ports/clock';
import { DecisionLogReader, ReferenceData } from '../ports/readers';
import { AggregateWriter, JournalWriter, Transaction, UnitOfWork } from '../ports/transaction';
import type { RequestScope } from '../ports/request-scope';
import { FakeRetentionStore } from './data-protection-fakes';
import { FakeDailyFeeds } from './fake-feeds';

/** In-memory ports for handler unit tests. Infrastructure is tested for real in the integration tier. */
export class FakeClock extends Clock {
  constructor(public current: Date) {
    super();
  }
  now(): Date {
    return new Date(this.current.getTime());
  }
}

export class FakeReference extends ReferenceData {
  constructor(
    private readonly cellSlugs: string[] = ['ppe', 'food'],
    private readonly codes: string[] = ['E08000025', 'E08000026'],
  ) {
    super();
  }
  async authorities(): Promise<Authority[]> {
    return this.codes.map((code) => ({ code, name: code, kind: 'metropolitan-borough', validFrom: '2009-01-01' }));
  }
  async authorityCodes(): Promise<ReadonlySet<string>> {
    return new Set(this.codes);
  }
  async cells(): Promise<Cell[]> {
    return this.cellSlugs.map((slug) => this.make(slug));
  }
  async cell(slug: string): Promise<Cell | undefined> {
    return this.cellSlugs.includes(slug) ? this.make(slug) : undefined;
  }
  private make(slug: string): Cell {
    return { slug, name: slug, description: '', status: 'standby', decisionTimescaleMinutes: 60, sitrepCutoff: '10:00', figures: [], thresholds: [], activationCriteria: [] };
  }
}

/** A port these tests do not exercise: any use fails loudly. */
function notUsed<T extends object>(name: string): T {
  return new Proxy({} as T, {
    get: () => () => Promise.reject(new Error(`${name} is not part of this fake`)),
  });
}

/** Aggregates by id with the real writer's version check; changes land only when the unit of work commits. */
class FakeAggregates<T extends { id: string; version: number }> {
  readonly rows = new Map<string, T>();

  writer(pending: Array<() => void>): AggregateWriter<T> {
    return {
      insert: async (aggregate) => void pending.push(() => this.rows.set(aggregate.id, aggregate)),
      update: async (aggregate, expectedVersion) => {
        if (this.rows.get(aggregate.id)?.version !== expectedVersion) throw new DomainError('conflict', 'changed by someone else');
        pending.push(() => this.rows.set(aggregate.id, aggregate));
      },
      lock: async (id) => this.rows.get(id),
    };
  }
}

/** The stores in memory; a unit of work commits only if its work resolves. */
export class FakeStore extends UnitOfWork {
  entries: LogEntry[] = [];
  events: Array<DomainEvent & { actor: string }> = [];
  readonly escalations = new FakeAggregates<Escalation>();
  readonly decisionRequests = new FakeAggregates<DecisionRequest>();
  readonly dailyFeeds = new FakeDailyFeeds();
  readonly retention = new FakeRetentionStore();
  /** What lockHead reports as the journal position reached. */
  journalPosition = 0;

  /** Units of work run, one per transaction (a batch counts once). */
  transactions = 0;

  requestScope(): RequestScope {
    return {};
  }

  async runBatch<T>(_scopes: readonly RequestScope[], work: (tx: Transaction) => Promise<T[]>): Promise<T[]> {
    return this.run(work);
  }

  async run<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    this.transactions += 1;
    const entries: LogEntry[] = [];
    const events: Array<DomainEvent & { actor: string }> = [];
    const pending: Array<() => void> = [];
    const tx: Transaction = {
      decisions: {
        lockHead: async (cell) => ({ head: this.headOf(cell), journalPosition: this.journalPosition }),
        append: async (appended) => void entries.push(...appended),
      },
      sitreps: notUsed('sitreps'),
      cells: notUsed('cells'),
      escalations: this.escalations.writer(pending),
      decisionRequests: this.decisionRequests.writer(pending),
      feeds: this.dailyFeeds.writer(pending),
      retention: { save: async (policy) => void pending.push(() => this.retention.policies.set(policy.recordType, policy)) },
      journal: journalInto(events),
    };
    const result = await work(tx);
    for (const apply of pending) apply();
    this.entries.push(...entries);
    this.events.push(...events);
    return result;
  }

  headOf(cell: string): ChainHead | undefined {
    const last = this.entries.filter((e) => e.cell === cell).at(-1);
    return last && { sequence: last.sequence, hash: last.hash };
  }

  reader(): DecisionLogReader {
    const store = this;
    return new (class extends DecisionLogReader {
      async page(cell: string, after: number, limit: number) {
        return store.entries.filter((e) => e.cell === cell && e.sequence > after).slice(0, limit);
      }
      async visiblePage(cell: string, after: number, limit: number, reach: SensitiveReach) {
        return store.entries.filter((e) => e.cell === cell && e.sequence > after && withinReach(reach, e)).slice(0, limit);
      }
      async byId(cell: string, id: string) {
        return store.entries.find((e) => e.cell === cell && e.id === id);
      }
      async amendmentsOf(cell: string, id: string) {
        return store.entries.filter((e) => e.cell === cell && e.body.kind === 'amendment' && e.body.amends === id);
      }
      async head(cell: string) {
        return store.headOf(cell);
      }
    })();
  }
}

/** A journal writer that collects events with their actors. */
export function journalInto(events: Array<DomainEvent & { actor: string }>): JournalWriter {
  const appendEach: JournalWriter['appendEach'] = async (appends) =>
    void events.push(...appends.flatMap(({ events: appended, actor }) => appended.map((e) => ({ ...e, actor }))));
  return { appendEach, append: (appended, actor) => appendEach([{ events: appended, actor }]) };
}
