import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { DomainEvent } from '@muster/domain';
import { JournalWriter, type RequestScope, Transaction, UnitOfWork, WriterPort } from '@muster/application';

export type RecordedEvent = DomainEvent & { actor: string };

/** One writer port's tables in memory: a unit of work writes a draft, kept only if its work resolves. */
export interface FakeTables<W extends object> {
  /** A writer over a draft of these tables, and how to make the draft the tables. */
  begin(store: FakeStore): { writer: W; commit(): void };
  /** What the tables hold, as plain data: to compare before and after a refused command. */
  snapshot(): unknown;
}

/** The fake of one writer port, registered beside it in a `*.fake.ts` file of ./writers. */
export interface FakeWriter<W extends object, T extends FakeTables<W>> {
  readonly port: WriterPort<W>;
  tables(): T;
}

const FAKE = Symbol('muster.fake-writer');

export function fakeWriterFor<W extends object, T extends FakeTables<W>>(
  port: WriterPort<W>,
  tables: () => T,
): FakeWriter<W, T> {
  return Object.assign({ port, tables }, { [FAKE]: true });
}

type AnyFakeWriter = FakeWriter<object, FakeTables<object>>;

const isFakeWriter = (value: unknown): value is AnyFakeWriter =>
  typeof value === 'object' && value !== null && FAKE in value;

let fakes: readonly AnyFakeWriter[] | undefined;
/** Loads a module by its path (the fakes are found by file name). */
const load = createRequire(__filename);

/** Every fake writer in ./writers, found by file name as persistence finds its writers: nothing to list. */
export function fakeWriters(): readonly AnyFakeWriter[] {
  if (fakes !== undefined) return fakes;
  const folder = path.join(__dirname, 'writers');
  const found = readdirSync(folder)
    .filter((file) => /\.fake\.(ts|js)$/.test(file))
    .sort()
    .flatMap((file) => Object.values(load(path.join(folder, file)) as Record<string, unknown>).filter(isFakeWriter));
  fakes = found;
  return found;
}

/** A journal writer that collects events with their actors. */
export function journalInto(events: RecordedEvent[]): JournalWriter {
  const appendEach: JournalWriter['appendEach'] = async (appends) =>
    void events.push(...appends.flatMap(({ events: appended, actor }) => appended.map((e) => ({ ...e, actor }))));
  return { appendEach, append: (appended, actor) => appendEach([{ events: appended, actor }]) };
}

/**
 * The unit of work in memory for handler unit tests, with a fake of every writer port: a transaction sees
 * its own writes, and its changes and events land only if its work resolves. PostgreSQL behind the same
 * ports is tested in the integration tier.
 */
export class FakeStore extends UnitOfWork {
  /** Events journalled by committed units of work, in order. */
  readonly events: RecordedEvent[] = [];
  /** Calls the fakes note (cells locked, windows read…), in order, committed or not. */
  readonly calls: string[] = [];
  /** Units of work run, one per transaction (a batch counts once). */
  transactions = 0;
  private readonly held = new Map<WriterPort<object>, FakeTables<object>>(
    fakeWriters().map((fake) => [fake.port, fake.tables()]),
  );

  /** The committed tables behind one writer port: to set up before a command and inspect after. */
  tables<W extends object, T extends FakeTables<W>>(fake: FakeWriter<W, T>): T {
    return this.tablesOf(fake.port) as T;
  }

  requestScope(): RequestScope {
    return {};
  }

  async runBatch<T>(_scopes: readonly RequestScope[], work: (tx: Transaction) => Promise<T[]>): Promise<T[]> {
    return this.run(work);
  }

  async run<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    this.transactions += 1;
    const events: RecordedEvent[] = [];
    const begun = new Map<WriterPort<object>, { writer: object; commit(): void }>();
    const tx: Transaction = {
      journal: journalInto(events),
      get: <W extends object>(port: WriterPort<W>): W => {
        let draft = begun.get(port);
        if (draft === undefined) {
          draft = this.tablesOf(port).begin(this);
          begun.set(port, draft);
        }
        return draft.writer as W;
      },
    };
    const result = await work(tx);
    for (const draft of begun.values()) draft.commit();
    this.events.push(...events);
    return result;
  }

  /** Everything the store holds, to compare before and after a refused command. */
  snapshot(): unknown {
    return structuredClone({
      events: this.events,
      tables: [...this.held].map(([port, tables]) => [port.name, tables.snapshot()]),
    });
  }

  private tablesOf(port: WriterPort<object>): FakeTables<object> {
    const tables = this.held.get(port);
    if (tables === undefined)
      throw new Error(`no fake writer for ${port.name} (a *.fake.ts file in the doubles' writers)`);
    return tables;
  }
}
