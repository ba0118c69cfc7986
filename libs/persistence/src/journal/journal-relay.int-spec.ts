import { Redis } from 'ioredis';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { DomainEvent } from '@muster/domain';
import {
  JournalRelay,
  LivePublisher,
  LiveSubscriber,
  liveStreamKey,
  type RelayOptions,
  type RelaySink,
} from '@muster/messaging';
import type { JournalRecord } from '@muster/contracts';
import { createDataSource, JournalReader, RelayLeadership, RelayStore } from '@muster/persistence';
import {
  connectRedis,
  createTestDatabase,
  deleteRedisKeys,
  uniqueRedisPrefix,
  waitFor,
  type TestDatabase,
} from '@muster/testing';
import { TransactionalJournalWriter } from './journal.writer';
import { AUTHORITY_CODES, BIRMINGHAM } from '@muster/builders';

/**
 * The journal and its relay on the real PostgreSQL and Redis. The point of these tests is the
 * commit-order gap: a transaction that takes its journal row id early but commits late must still be
 * published, exactly once, at a position after everything published before it was visible.
 *
 * Every test gets its own database (seq numbering then starts at 1) and, where Redis is used, its own
 * key prefix.
 */

// The integration project's `testTimeout` in jest.config.js does not reach the tests (Jest reads it only at
// the top level), so the file sets its own.
jest.setTimeout(30_000);

const CELLS = ['homelessness', 'food', 'ppe', 'shielding'] as const;
const AUTHORITIES = AUTHORITY_CODES;

/** A long poll interval: anything that arrives promptly was woken by NOTIFY, not by the timer. */
const NOTIFY_ONLY: RelayOptions = { batchSize: 64, pollIntervalMs: 60_000, retryDelayMs: 50 };
const PROMPTLY = { timeoutMs: 15_000, intervalMs: 20 };

// ---------------------------------------------------------------------------------------------------
// Local helpers
// ---------------------------------------------------------------------------------------------------

/** Small seeded PRNG, so a run's schedule of delays is reproducible. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
}

function deferred<T = void>(): Deferred<T> {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

function journalEvent(marker: string, n: number): DomainEvent<{ marker: string; n: number }> {
  const authority = AUTHORITIES[n % AUTHORITIES.length] ?? BIRMINGHAM;
  return {
    type: 'sitrep.submitted',
    cell: CELLS[n % CELLS.length],
    authority,
    authorities: [authority],
    marking: n % 5 === 0 ? 'OFFICIAL-SENSITIVE' : 'OFFICIAL',
    data: { marker, n },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function markerOf(data: unknown): string {
  const marker = isRecord(data) ? data['marker'] : undefined;
  if (typeof marker !== 'string') throw new Error(`event without a marker: ${JSON.stringify(data)}`);
  return marker;
}

/** Appends `markers` (one event each) in one transaction through the real writer. */
async function appendInOneTransaction(dataSource: DataSource, markers: readonly string[]): Promise<void> {
  await dataSource.transaction(async (manager) => {
    const writer = new TransactionalJournalWriter(manager, 'corr-single');
    await writer.append(
      markers.map((marker, i) => journalEvent(marker, i)),
      'test-writer',
    );
  });
}

interface Workload {
  writers: number;
  transactionsPerWriter: number;
  seed: number;
  tag: string;
}

/**
 * Concurrent writers, each running its transactions one after another. A transaction appends 1-3
 * events (sometimes in two `append` calls) and then waits 0-50 ms before committing; about one in five
 * waits 40-50 ms, so transactions that took their row ids later commit first. Returns each committed
 * transaction's markers in append order.
 */
async function runWriters(dataSource: DataSource, load: Workload): Promise<string[][]> {
  const random = mulberry32(load.seed);
  // Draw the whole schedule up front so it does not depend on how the writers interleave.
  const plans = Array.from({ length: load.writers }, (_, w) =>
    Array.from({ length: load.transactionsPerWriter }, (_, t) => {
      const count = 1 + Math.floor(random() * 3);
      const markers = Array.from({ length: count }, (_, e) => `${load.tag}:w${w}:t${t}:e${e}`);
      const delayMs = random() < 0.2 ? 40 + random() * 10 : random() * 15;
      const split = count > 1 && random() < 0.5;
      return { markers, delayMs, split };
    }),
  );
  const committed: string[][] = [];
  await Promise.all(
    plans.map(async (plan, w) => {
      for (const [t, { markers, delayMs, split }] of plan.entries()) {
        await dataSource.transaction(async (manager) => {
          const writer = new TransactionalJournalWriter(manager, `${load.tag}-w${w}-t${t}`);
          const events = markers.map((marker, e) => journalEvent(marker, w * 7 + t * 3 + e));
          if (split) {
            await writer.append(events.slice(0, 1), `writer-${w}`);
            await sleep(delayMs / 2);
            await writer.append(events.slice(1), `writer-${w}`);
            await sleep(delayMs / 2);
          } else {
            await writer.append(events, `writer-${w}`);
            await sleep(delayMs);
          }
        });
        committed.push(markers);
      }
    }),
  );
  return committed;
}

class RecordingSink implements RelaySink<JournalRecord> {
  readonly published: JournalRecord[] = [];

  publish(events: readonly JournalRecord[]): Promise<void> {
    this.published.push(...events);
    return Promise.resolve();
  }
}

interface RunningRelay {
  readonly store: RelayStore;
  readonly dataSource: DataSource;
  readonly errors: unknown[];
  notifications(): number;
  stop(): Promise<void>;
}

/** Relays still running; afterEach stops them, so a failing test still releases its connections. */
const running = new Set<RunningRelay>();

/**
 * Wires a relay the way the worker does: its own DataSource, the relay lock + LISTEN session, NOTIFY
 * waking the relay. A new call is a new process as far as the database can tell.
 */
async function startRelay(
  url: string,
  sink: RelaySink<JournalRecord>,
  options: RelayOptions = NOTIFY_ONLY,
): Promise<RunningRelay> {
  const dataSource = createDataSource({ url, poolSize: 3, applicationName: 'muster-relay-test' });
  await dataSource.initialize();
  const store = new RelayStore(dataSource);
  const errors: unknown[] = [];
  let notifications = 0;
  const relay = new JournalRelay<JournalRecord>(store, sink, options, {
    error: (_message, error) => errors.push(error),
  });
  const leadership = new RelayLeadership(url, {
    onNotify: () => {
      notifications += 1;
      relay.wake();
    },
    onLost: (error) => errors.push(error),
  });
  if (!(await leadership.tryAcquire())) {
    await dataSource.destroy();
    throw new Error('another relay holds the lock on this test database');
  }
  relay.start();
  let stopped = false;
  const handle: RunningRelay = {
    store,
    dataSource,
    errors,
    notifications: () => notifications,
    async stop() {
      if (stopped) return;
      stopped = true;
      running.delete(handle);
      await relay.stop();
      await leadership.release();
      await dataSource.destroy();
    },
  };
  running.add(handle);
  return handle;
}

async function waitUntilPublished(store: RelayStore, through: number, description: string): Promise<void> {
  await waitFor(
    async () => {
      const state = await store.state();
      return state.sequenced === through && state.published === through;
    },
    { ...PROMPTLY, description },
  );
}

/** Each expected marker exactly once, nothing else, with seq values exactly first..last in publication order. */
function expectExactlyOnceInOrder(
  published: ReadonlyArray<{ seq: number; marker: string }>,
  expectedMarkers: readonly string[],
  firstSeq: number,
): void {
  const seen = new Map<string, number>();
  for (const { marker } of published) seen.set(marker, (seen.get(marker) ?? 0) + 1);
  const repeated = [...seen].filter(([, count]) => count > 1).map(([marker]) => marker);
  const missing = expectedMarkers.filter((marker) => !seen.has(marker));
  const unexpected = [...seen.keys()].filter((marker) => !expectedMarkers.includes(marker));
  expect({ repeated, missing, unexpected }).toEqual({ repeated: [], missing: [], unexpected: [] });
  expect(published).toHaveLength(expectedMarkers.length);
  expect(published.map((p) => p.seq)).toEqual(Array.from({ length: expectedMarkers.length }, (_, i) => firstSeq + i));
}

/** Within each transaction, events keep the order they were appended in. */
function expectTransactionOrderKept(
  published: ReadonlyArray<{ seq: number; marker: string }>,
  transactions: readonly string[][],
): void {
  const seqOf = new Map(published.map((p) => [p.marker, p.seq]));
  for (const markers of transactions) {
    const seqs = markers.map((marker) => seqOf.get(marker) ?? Number.NaN);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  }
}

/** Rows whose transaction committed after a row with a higher id had already been given its seq. */
async function lateCommittedRows(dataSource: DataSource): Promise<number> {
  const rows: Array<{ late: string }> = await dataSource.query(
    `SELECT count(*) AS late FROM (
       SELECT id, max(id) OVER (ORDER BY seq ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS earlier_max
         FROM journal WHERE seq IS NOT NULL) AS ordered
      WHERE id < earlier_max`,
  );
  return Number(rows[0]?.late ?? 0);
}

// ---------------------------------------------------------------------------------------------------

describe('journal relay (PostgreSQL + Redis)', () => {
  let db: TestDatabase;
  let writers: DataSource;

  beforeEach(async () => {
    db = await createTestDatabase();
    writers = createDataSource({ url: db.url, poolSize: 16, applicationName: 'muster-writer-test' });
    await writers.initialize();
  });

  afterEach(async () => {
    for (const relay of [...running]) await relay.stop();
    if (writers.isInitialized) await writers.destroy();
    await db.drop();
  });

  it('sequences a transaction that commits late after one that committed before it, skipping nothing', async () => {
    const sink = new RecordingSink();
    const relay = await startRelay(db.url, sink);
    const reader = new JournalReader(writers);

    // A takes its row id first and stays open; B starts later and commits first.
    const aAppended = deferred();
    const commitA = deferred();
    const transactionA = writers.transaction(async (manager) => {
      await new TransactionalJournalWriter(manager, 'corr-a').append([journalEvent('late:A', 1)], 'writer-a');
      aAppended.resolve();
      await commitA.promise;
    });
    await aAppended.promise;
    await writers.transaction((manager) =>
      new TransactionalJournalWriter(manager, 'corr-b').append([journalEvent('late:B', 2)], 'writer-b'),
    );

    await waitFor(() => sink.published.length >= 1, { ...PROMPTLY, description: 'B to be published' });
    expect(sink.published.map((r) => [r.seq, markerOf(r.data)])).toEqual([[1, 'late:B']]);
    // Readers tailing by position see B at 1 and nothing pretending to be A.
    expect(await reader.lastSequenced()).toBe(1);
    expect((await reader.range(0, 100, 100)).map((r) => markerOf(r.data))).toEqual(['late:B']);

    commitA.resolve();
    await transactionA;
    await waitFor(() => sink.published.length >= 2, { ...PROMPTLY, description: 'A to be published after it commits' });
    await waitUntilPublished(relay.store, 2, 'the checkpoint to reach 2');
    expect(sink.published.map((r) => [r.seq, markerOf(r.data)])).toEqual([
      [1, 'late:B'],
      [2, 'late:A'],
    ]);

    // A's row id is lower than B's: id order is not commit order, and seq follows commit order.
    const rows: Array<{ id: string; seq: string; marker: string; actor: string; correlation_id: string }> =
      await writers.query(`SELECT id, seq, data->>'marker' AS marker, actor, correlation_id FROM journal ORDER BY id`);
    expect(rows.map((r) => [r.marker, Number(r.seq), r.actor, r.correlation_id])).toEqual([
      ['late:A', 2, 'writer-a', 'corr-a'],
      ['late:B', 1, 'writer-b', 'corr-b'],
    ]);
    expect(relay.errors).toEqual([]);
    expect(relay.notifications()).toBeGreaterThanOrEqual(2);
  });

  it('publishes every event of 16 concurrent writers exactly once with gap-free seq, then a new relay resumes from the checkpoint', async () => {
    const sink = new RecordingSink();
    const first = await startRelay(db.url, sink);

    const transactions = await runWriters(writers, {
      writers: 16,
      transactionsPerWriter: 25,
      seed: 20_261_122,
      tag: 'stress',
    });
    const markers = transactions.flat();
    expect(transactions).toHaveLength(400);

    // The relay polls once a minute: it can only be this prompt because NOTIFY woke it.
    await waitUntilPublished(first.store, markers.length, `all ${markers.length} events to be published`);
    const published = sink.published.map((r) => ({ seq: r.seq, marker: markerOf(r.data) }));
    expectExactlyOnceInOrder(published, markers, 1);
    expectTransactionOrderKept(published, transactions);
    expect(first.notifications()).toBeGreaterThan(0);
    expect(first.errors).toEqual([]);
    // The workload really produced the gap: rows that got their id early but committed late.
    expect(await lateCommittedRows(writers)).toBeGreaterThan(0);

    // What was published is what the journal holds, field for field; topic filtering works.
    const reader = new JournalReader(writers);
    expect(await reader.lastSequenced()).toBe(markers.length);
    expect(await reader.range(0, markers.length, markers.length + 10)).toEqual(sink.published);
    expect(await reader.range(100, 110, 100)).toEqual(sink.published.slice(100, 110));
    const authorityTopic = 'authority:E08000027';
    expect(await reader.range(0, markers.length, markers.length, [authorityTopic])).toEqual(
      sink.published.filter((r) => r.topics.includes(authorityTopic)),
    );
    expect(sink.published.every((r) => r.topics[0] === 'region' && r.topics.includes(`cell:${r.cell ?? ''}`))).toBe(
      true,
    );

    // Stop, write more while no relay runs (their NOTIFYs reach nobody), and start a new relay.
    await first.stop();
    const whileStopped = await runWriters(writers, {
      writers: 4,
      transactionsPerWriter: 5,
      seed: 7,
      tag: 'after-stop',
    });
    const newMarkers = whileStopped.flat();

    const resumedSink = new RecordingSink();
    const second = await startRelay(db.url, resumedSink);
    await waitUntilPublished(second.store, markers.length + newMarkers.length, 'the new relay to catch up');
    const resumed = resumedSink.published.map((r) => ({ seq: r.seq, marker: markerOf(r.data) }));
    expectExactlyOnceInOrder(resumed, newMarkers, markers.length + 1);
    expectTransactionOrderKept(resumed, whileStopped);
    expect(sink.published).toHaveLength(markers.length);

    // And it keeps going on NOTIFY.
    await appendInOneTransaction(writers, ['live:1', 'live:2']);
    const total = markers.length + newMarkers.length + 2;
    await waitUntilPublished(second.store, total, 'events appended after the restart');
    expect(resumedSink.published.slice(-2).map((r) => [r.seq, markerOf(r.data)])).toEqual([
      [total - 1, 'live:1'],
      [total, 'live:2'],
    ]);
    expect(second.errors).toEqual([]);
  }, 90_000);

  it('publishes events that were sequenced but not yet published when the relay stopped, exactly once', async () => {
    const sink = new RecordingSink();
    const first = await startRelay(db.url, sink);
    await appendInOneTransaction(writers, ['before:1', 'before:2', 'before:3']);
    await waitUntilPublished(first.store, 3, 'the first relay to publish three events');
    await first.stop();

    // A relay that sequenced, then died before publishing: positions given, checkpoint behind.
    await appendInOneTransaction(writers, ['owed:1', 'owed:2']);
    await appendInOneTransaction(writers, ['owed:3']);
    const crashed = createDataSource({ url: db.url, poolSize: 1 });
    await crashed.initialize();
    try {
      const store = new RelayStore(crashed);
      // Each call returns what it sequenced, in order.
      expect((await store.sequenceNext(2)).map((r) => [r.seq, markerOf(r.data)])).toEqual([
        [4, 'owed:1'],
        [5, 'owed:2'],
      ]);
      expect((await store.sequenceNext(100)).map((r) => [r.seq, markerOf(r.data)])).toEqual([[6, 'owed:3']]);
      expect(await store.sequenceNext(100)).toEqual([]);
      expect(await store.state()).toEqual({ sequenced: 6, published: 3 });
      expect((await store.unpublished(100)).map((r) => [r.seq, markerOf(r.data)])).toEqual([
        [4, 'owed:1'],
        [5, 'owed:2'],
        [6, 'owed:3'],
      ]);
    } finally {
      await crashed.destroy();
    }
    // And events nobody has sequenced yet.
    await appendInOneTransaction(writers, ['fresh:1', 'fresh:2']);

    const nextSink = new RecordingSink();
    const next = await startRelay(db.url, nextSink);
    await waitUntilPublished(next.store, 8, 'the next relay to publish what was owed');
    expect(nextSink.published.map((r) => [r.seq, markerOf(r.data)])).toEqual([
      [4, 'owed:1'],
      [5, 'owed:2'],
      [6, 'owed:3'],
      [7, 'fresh:1'],
      [8, 'fresh:2'],
    ]);
    expect(sink.published.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(next.errors).toEqual([]);
  });

  describe('to Redis through LivePublisher', () => {
    let prefix: string;
    let publisherRedis: Redis;
    let readerRedis: Redis;
    const tails = new Set<{ stop(): Promise<void> }>();

    beforeEach(async () => {
      prefix = uniqueRedisPrefix();
      publisherRedis = await connectRedis();
      readerRedis = await connectRedis();
    });

    afterEach(async () => {
      for (const tailing of [...tails]) await tailing.stop();
      await publisherRedis.quit().catch(() => publisherRedis.disconnect());
      await readerRedis.quit().catch(() => readerRedis.disconnect());
      await deleteRedisKeys(prefix);
    });

    /** A publisher as the worker wires it: this database's epoch in PostgreSQL. */
    function publisher(): LivePublisher {
      return new LivePublisher(publisherRedis, prefix, 100_000, new RelayStore(writers), { warn: () => undefined });
    }

    /** The stream this database's relay publishes to, once a relay has named it. */
    async function currentEpoch(): Promise<string> {
      return waitFor(async () => (await new JournalReader(writers).livePosition()).epoch, {
        ...PROMPTLY,
        description: 'a live stream epoch',
      });
    }

    /** Reads the stream the way an api process does, from `after`, until stopped. */
    function tail(after: number): { entries: Array<{ seq: number; event: unknown }>; stop(): Promise<void> } {
      const subscriber = new LiveSubscriber(readerRedis, prefix);
      const entries: Array<{ seq: number; event: unknown }> = [];
      let stopped = false;
      const loop = (async () => {
        const epoch = await currentEpoch();
        let last = after;
        while (!stopped) {
          const batch = await subscriber.readAfter(epoch, last, 100);
          entries.push(...batch);
          last = batch.at(-1)?.seq ?? last;
        }
      })();
      const handle = {
        entries,
        async stop() {
          stopped = true;
          tails.delete(handle);
          await loop;
        },
      };
      tails.add(handle);
      return handle;
    }

    async function streamSeqs(): Promise<number[]> {
      const entries = await publisherRedis.xrange(liveStreamKey(prefix, await currentEpoch()), '-', '+');
      return entries.map(([id]) => {
        const [ms, part] = id.split('-');
        expect(part).toBe('0');
        return Number(ms);
      });
    }

    function eventsOf(entries: ReadonlyArray<{ seq: number; event: unknown }>): Array<{ seq: number; marker: string }> {
      return entries.map(({ seq, event }) => {
        if (!isRecord(event)) throw new Error(`unparseable stream entry ${seq}`);
        expect(event['seq']).toBe(seq);
        return { seq, marker: markerOf(event['data']) };
      });
    }

    it('streams every event of concurrent writers exactly once as <seq>-0 entries, and a new relay continues the stream', async () => {
      const tailing = tail(0);
      const first = await startRelay(db.url, publisher());

      const transactions = await runWriters(writers, {
        writers: 16,
        transactionsPerWriter: 25,
        seed: 424_242,
        tag: 'redis',
      });
      const markers = transactions.flat();
      await waitFor(() => tailing.entries.length >= markers.length, {
        ...PROMPTLY,
        description: `${markers.length} entries on the live stream`,
      });
      await waitUntilPublished(first.store, markers.length, 'the checkpoint to reach the last event');
      const streamed = eventsOf(tailing.entries);
      expectExactlyOnceInOrder(streamed, markers, 1);
      expectTransactionOrderKept(streamed, transactions);
      expect(await lateCommittedRows(writers)).toBeGreaterThan(0);
      expect(first.notifications()).toBeGreaterThan(0);
      expect(first.errors).toEqual([]);

      await first.stop();
      const whileStopped = (
        await runWriters(writers, { writers: 4, transactionsPerWriter: 5, seed: 99, tag: 'redis-after-stop' })
      ).flat();
      const epoch = await currentEpoch();
      const second = await startRelay(db.url, publisher());
      const total = markers.length + whileStopped.length;
      await waitFor(() => tailing.entries.length >= total, {
        ...PROMPTLY,
        description: 'the new relay to continue the stream',
      });
      await waitUntilPublished(second.store, total, 'the new relay to checkpoint');
      await tailing.stop();

      expectExactlyOnceInOrder(eventsOf(tailing.entries.slice(markers.length)), whileStopped, markers.length + 1);
      expect(await streamSeqs()).toEqual(Array.from({ length: total }, (_, i) => i + 1));
      // The same stream: it agreed with PostgreSQL.
      expect(await currentEpoch()).toBe(epoch);
      expect(second.errors).toEqual([]);
    }, 90_000);

    it('republishes after a failure between publishing and checkpointing without duplicating stream entries', async () => {
      const tailing = tail(0);
      const live = publisher();
      const attempts: number[][] = [];
      let failed = false;
      let resumed = 0;
      // Publishes, then fails as a process dying before its checkpoint would.
      const flaky: RelaySink<JournalRecord> = {
        resume: () => {
          resumed += 1;
          return live.resume();
        },
        async publish(events) {
          attempts.push(events.map((e) => e.seq));
          await live.publish(events);
          if (!failed && events.some((e) => e.seq >= 3)) {
            failed = true;
            throw new Error('simulated crash before checkpoint');
          }
        },
      };
      const relay = await startRelay(db.url, flaky);

      await appendInOneTransaction(writers, ['flaky:1', 'flaky:2']);
      await waitUntilPublished(relay.store, 2, 'the first two events');
      await appendInOneTransaction(writers, ['flaky:3', 'flaky:4']);
      await waitUntilPublished(relay.store, 4, 'the relay to recover and checkpoint');
      await waitFor(() => tailing.entries.length >= 4, { ...PROMPTLY, description: 'four stream entries' });
      await tailing.stop();

      // At least once towards the sink: the failed batch went again...
      expect(attempts).toEqual([
        [1, 2],
        [3, 4],
        [3, 4],
      ]);
      expect(relay.errors).toHaveLength(1);
      // The sink was asked to put itself right at the start and again after the failure.
      expect(resumed).toBe(2);
      // ...but the stream refused the repeat: one entry per position.
      expect(eventsOf(tailing.entries)).toEqual([
        { seq: 1, marker: 'flaky:1' },
        { seq: 2, marker: 'flaky:2' },
        { seq: 3, marker: 'flaky:3' },
        { seq: 4, marker: 'flaky:4' },
      ]);
      expect(await streamSeqs()).toEqual([1, 2, 3, 4]);
    });
  });

  describe('RelayLeadership', () => {
    let admin: Client;

    beforeEach(async () => {
      admin = new Client({ connectionString: db.url });
      await admin.connect();
    });

    afterEach(async () => {
      await admin.end();
    });

    async function relaySessions(): Promise<number> {
      const rows = await admin.query<{ n: string }>(
        `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'muster-relay'`,
      );
      return Number(rows.rows[0]?.n ?? 0);
    }

    it('lets one instance lead per database, hands over on release and on a lost session', async () => {
      const lost: Record<'first' | 'second' | 'third', unknown[]> = { first: [], second: [], third: [] };
      let notified = 0;
      const leadership = (name: keyof typeof lost): RelayLeadership =>
        new RelayLeadership(db.url, {
          onNotify: () => {
            if (name === 'second') notified += 1;
          },
          onLost: (error) => lost[name].push(error),
        });
      const first = leadership('first');
      const second = leadership('second');
      const third = leadership('third');
      try {
        expect(await first.tryAcquire()).toBe(true);
        expect(await second.tryAcquire()).toBe(false);
        expect(await second.tryAcquire()).toBe(false);
        // The refused attempts did not leave sessions behind.
        await waitFor(async () => (await relaySessions()) === 1, { description: 'one relay session' });

        await first.release();
        expect(await second.tryAcquire()).toBe(true);
        expect(await third.tryAcquire()).toBe(false);
        expect(lost.first).toEqual([]);

        // The leader LISTENs: a committed append reaches it.
        await appendInOneTransaction(writers, ['notify:1']);
        await waitFor(() => notified >= 1, { description: 'the leader to be notified of the append' });

        // The leader's session dies: it is told, the lock is free, a standby takes over.
        await admin.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE datname = current_database() AND application_name = 'muster-relay'`,
        );
        await waitFor(() => lost.second.length === 1, { description: 'the leader to learn it lost its session' });
        expect(await third.tryAcquire()).toBe(true);
        expect(lost.second).toHaveLength(1);
        expect(lost.third).toEqual([]);
      } finally {
        await first.release();
        await second.release();
        await third.release();
      }
      await waitFor(async () => (await relaySessions()) === 0, { description: 'no relay sessions left' });
    });
  });
});
