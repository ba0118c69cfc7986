import { Authority, Cell, ChainHead, DomainEvent, LogEntry } from '@muster/domain';
import { Clock } from '../ports/clock';
import { DecisionLogReader, ReferenceData } from '../ports/readers';
import { Transaction, UnitOfWork } from '../ports/transaction';

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
    return { slug, name: slug, description: '', status: 'standby', decisionTimescaleMinutes: 60, figures: [], thresholds: [], activationCriteria: [] };
  }
}

const refuse = async (): Promise<never> => {
  throw new Error('not used by decision-log tests');
};
const unsupported = { insert: refuse, update: refuse, lock: refuse };

/** A decision log and journal in memory; a unit of work commits only if its work resolves. */
export class FakeStore extends UnitOfWork {
  entries: LogEntry[] = [];
  events: Array<DomainEvent & { actor: string }> = [];

  async run<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    const entries: LogEntry[] = [];
    const events: Array<DomainEvent & { actor: string }> = [];
    const tx: Transaction = {
      decisions: {
        lockHead: async (cell) => this.headOf(cell),
        append: async (entry) => void entries.push(entry),
      },
      escalations: unsupported,
      decisionRequests: unsupported,
      journal: { append: async (appended, actor) => void events.push(...appended.map((e) => ({ ...e, actor }))) },
    };
    const result = await work(tx);
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
