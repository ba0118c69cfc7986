import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { createDataSource, RelayStore } from '@muster/persistence';
import {
  connectRedis,
  createTestDatabase,
  deleteRedisKeys,
  uniqueRedisPrefix,
  type TestDatabase,
} from '@muster/testing';
import { LivePublisher } from './live-publisher';
import { LIVE_FIELD, liveStreamKey, liveStreamKeyStem } from './live-stream';

/**
 * The live stream's epoch on the real PostgreSQL and Redis: Redis may keep a stream across a new or restored
 * database (AOF on), and the publisher must neither write into one that holds positions PostgreSQL never
 * gave nor take its entries for events already published. Positions are set in `relay_state` as the relay
 * would leave them; events are `{ seq, marker }`.
 */

jest.setTimeout(30_000);

interface Marked {
  seq: number;
  marker: string;
}

describe('LivePublisher and the live stream epoch', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let store: RelayStore;
  let redis: Redis;
  let prefix: string;
  let warnings: Array<Record<string, unknown>>;

  beforeEach(async () => {
    db = await createTestDatabase();
    dataSource = createDataSource({ url: db.url, poolSize: 2, applicationName: 'muster-publisher-test' });
    await dataSource.initialize();
    store = new RelayStore(dataSource);
    redis = await connectRedis();
    prefix = uniqueRedisPrefix();
    warnings = [];
  });

  afterEach(async () => {
    await dataSource.destroy();
    await redis.quit().catch(() => redis.disconnect());
    await deleteRedisKeys(prefix);
    await db.drop();
  });

  const publisher = (): LivePublisher =>
    new LivePublisher(redis, prefix, 1_000, store, { warn: (details) => warnings.push(details) });
  /** What PostgreSQL has sequenced, as the relay (or a restored backup) leaves it. */
  const sequenced = (through: number): Promise<unknown> =>
    dataSource.query(`UPDATE relay_state SET sequenced = $1 WHERE name = 'live'`, [through]);
  const epoch = async (): Promise<string | undefined> => (await store.livePosition()).epoch;
  const events = (marker: string, ...seqs: number[]): Marked[] =>
    seqs.map((seq) => ({ seq, marker: `${marker}:${seq}` }));
  const streamOf = async (key: string): Promise<Marked[]> =>
    (await redis.xrange(key, '-', '+')).map(([id, fields]) => {
      const parsed = JSON.parse(fields[fields.indexOf(LIVE_FIELD) + 1] ?? 'null') as Marked;
      expect(id).toBe(`${parsed.seq}-0`);
      return parsed;
    });
  const seed = async (key: string, through: number): Promise<void> => {
    for (let seq = 1; seq <= through; seq++)
      await redis.xadd(key, `${seq}-0`, LIVE_FIELD, JSON.stringify({ seq, marker: `stale:${seq}` }));
  };

  it('names a stream on its first start and drops those left by another database or from before epochs', async () => {
    const legacy = liveStreamKeyStem(prefix);
    const another = liveStreamKey(prefix, randomUUID());
    await seed(legacy, 5);
    await seed(another, 5);
    await sequenced(2);

    const live = publisher();
    await live.resume();
    await live.publish(events('first', 1, 2));

    const named = await epoch();
    expect(named).toEqual(expect.any(String));
    expect(await streamOf(liveStreamKey(prefix, named ?? ''))).toEqual(events('first', 1, 2));
    expect(await redis.exists(legacy, another)).toBe(0);
    expect(warnings).toEqual([expect.objectContaining({ dropped: expect.arrayContaining([legacy, another]) })]);
  });

  it('keeps its stream across restarts while the stream agrees with PostgreSQL, and a repeat is not duplicated', async () => {
    await sequenced(3);
    const first = publisher();
    await first.resume();
    await first.publish(events('kept', 1, 2, 3));
    const named = await epoch();

    // A new relay after a crash before the checkpoint: it publishes 3 again, then 4.
    await sequenced(4);
    const next = publisher();
    await next.resume();
    await next.publish(events('kept', 3, 4));

    expect(await epoch()).toBe(named);
    expect(await streamOf(liveStreamKey(prefix, named ?? ''))).toEqual(events('kept', 1, 2, 3, 4));
    expect(warnings).toEqual([]);
  });

  it('leaves a stream ahead of PostgreSQL (a restored backup) for a new one before publishing anything', async () => {
    await sequenced(5);
    const before = publisher();
    await before.resume();
    await before.publish(events('lost', 1, 2, 3, 4, 5));
    const old = await epoch();

    // The database comes back from a backup taken at position 2; Redis kept the stream.
    await sequenced(2);
    const after = publisher();
    await after.resume();
    const renewed = await epoch();
    await sequenced(3);
    await after.publish(events('restored', 3));

    expect(renewed).not.toBe(old);
    expect(await redis.exists(liveStreamKey(prefix, old ?? ''))).toBe(0);
    expect(await streamOf(liveStreamKey(prefix, renewed ?? ''))).toEqual(events('restored', 3));
    expect(warnings).toEqual([expect.objectContaining({ previous: old, epoch: renewed })]);
  });

  it('moves a running publisher to a new stream when Redis refuses a position PostgreSQL has only just given', async () => {
    await sequenced(3);
    const live = publisher();
    await live.resume();
    await live.publish(events('lost', 1, 2, 3));
    const old = await epoch();

    // Restored under the running relay: position 2 is given again, to another event.
    await sequenced(2);
    await live.publish(events('restored', 2));

    const renewed = await epoch();
    expect(renewed).not.toBe(old);
    expect(await streamOf(liveStreamKey(prefix, renewed ?? ''))).toEqual(events('restored', 2));
    expect(await redis.exists(liveStreamKey(prefix, old ?? ''))).toBe(0);
  });
});
