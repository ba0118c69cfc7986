import type { Redis } from 'ioredis';
import {
  connectLive,
  connectRedis,
  createTestDatabase,
  http,
  mintToken,
  restoreTestDatabase,
  settledJournal,
  startApi,
  startWorker,
  stopAll,
  uniqueRedisPrefix,
  waitFor,
  type ApiHandle,
  type HttpClient,
  type LiveClient,
  type LiveEvent,
  type TestDatabase,
} from '@muster/testing';

/**
 * Live delivery does not depend on Redis agreeing with PostgreSQL. Redis keeps its live stream across a new
 * database or a restored backup (AOF on, as in docker/compose.yml): a stream far ahead of the journal, or
 * one that goes on past the point a backup was taken, must neither silence delivery nor reach a socket.
 *
 * Each test runs processes on its own database and Redis prefix. The stream a previous deployment left is
 * made by running that deployment, then (where the test says so) pushed far ahead with copies of its last
 * entry renumbered: whatever key and layout the stream has, the processes under test start on it.
 * Negative assertions use a marker: each api delivers to a socket in `seq` order, so once the marker is in,
 * every earlier event that was going to arrive has.
 */

const FAR_AHEAD = 3_000;
const QUIET_MS = 300;

interface Logged {
  id: string;
}

interface Deployment {
  api: ApiHandle;
  via: HttpClient;
  stop(): Promise<void>;
}

const idOf = (event: LiveEvent): string => (event.data as { id: string }).id;

describe('a live stream Redis kept from another history', () => {
  let redis: Redis;
  let regionalToken: string;
  const databases: TestDatabase[] = [];
  const opened: LiveClient[] = [];

  const database = async (from?: TestDatabase): Promise<TestDatabase> => {
    const db = await createTestDatabase(from ? { from } : {});
    databases.push(db);
    return db;
  };
  const deploy = async (db: TestDatabase, redisPrefix: string): Promise<Deployment> => {
    const options = { databaseUrl: db.url, redisPrefix };
    const [api, worker] = await Promise.all([startApi(options), startWorker(options)]);
    return {
      api,
      via: http(api.url, regionalToken),
      stop: async () => {
        await Promise.all([api.stop(), worker.stop()]);
      },
    };
  };
  const listen = async (api: ApiHandle): Promise<LiveClient> => {
    const client = await connectLive(api.url, regionalToken);
    opened.push(client);
    expect(await client.subscribe({ topics: ['region'] })).toEqual({
      subscribed: ['region'],
      refused: [],
      replayed: 0,
    });
    return client;
  };
  const log = async (via: HttpClient, title: string): Promise<Logged> => {
    const response = await via.post('/api/v1/cells/ppe/decisions', decisionBody(title));
    expect(response.status).toBe(201);
    return response.body as Logged;
  };
  /** Logs `titles` one by one through a deployment and waits until a socket on it has them all. */
  const logSeen = async (deployment: Deployment, titles: string[]): Promise<Logged[]> => {
    const socket = await listen(deployment.api);
    const logged: Logged[] = [];
    for (const title of titles) logged.push(await log(deployment.via, title));
    await socket.waitForEvent((event) => idOf(event) === logged.at(-1)?.id);
    socket.close();
    return logged;
  };
  /** What a socket received, once a marker logged after everything else has arrived. */
  const receivedUpTo = async (via: HttpClient, socket: LiveClient): Promise<string[]> => {
    const marker = await log(via, 'Marker');
    await socket.waitForEvent((event) => idOf(event) === marker.id, 15_000);
    await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
    expectIncreasingSeqs(socket.events);
    return socket.events.map(idOf).filter((id) => id !== marker.id);
  };

  beforeAll(async () => {
    redis = await connectRedis();
    regionalToken = await mintToken({ roles: ['regional-coordinator'] });
  });

  afterAll(async () => {
    for (const client of opened) client.close();
    await stopAll();
    await redis?.quit();
    for (const db of databases) await db.drop();
  });

  it('a new database on a Redis whose stream is far ahead: new events reach the sockets, none of the old ones', async () => {
    const redisPrefix = uniqueRedisPrefix();
    const previous = await deploy(await database(), redisPrefix);
    const old = await logSeen(previous, ['Old 1', 'Old 2']);
    await previous.stop();
    expect(await pushStreamsAhead(redis, redisPrefix, FAR_AHEAD)).not.toEqual([]);

    const fresh = await deploy(await database(), redisPrefix);
    const socket = await listen(fresh.api);
    const logged = [await log(fresh.via, 'New 1'), await log(fresh.via, 'New 2'), await log(fresh.via, 'New 3')];
    const received = await receivedUpTo(fresh.via, socket);

    expect(received).toEqual(logged.map((entry) => entry.id));
    expect(received.filter((id) => id.startsWith('stale-') || old.some((entry) => entry.id === id))).toEqual([]);
    // A replay from the start is the journal's, and the journal is this database's.
    const replay = await listen(fresh.api);
    const ack = await replay.subscribe({ topics: ['region'], after: 0 });
    await replay.waitForEvents(ack.replayed);
    expect(replay.events.map(idOf).filter((id) => [...logged, ...old].some((entry) => entry.id === id))).toEqual(
      logged.map((entry) => entry.id),
    );
    await fresh.stop();
  });

  it('a database restored from a backup (its journal behind the stream): new events reach the sockets, the lost ones never do', async () => {
    const redisPrefix = uniqueRedisPrefix();
    const db = await database();
    const first = await deploy(db, redisPrefix);
    const kept = await logSeen(first, ['Before the backup 1', 'Before the backup 2']);
    await first.stop();
    const backup = await database(db);
    // The deployment went on after the backup; then its database was lost, and Redis kept the stream.
    const second = await deploy(db, redisPrefix);
    const lost = await logSeen(second, ['Lost 1', 'Lost 2', 'Lost 3', 'Lost 4']);
    await second.stop();

    // The api first, alone: it finds the stream ahead of the journal and takes nothing from it.
    const api = await startApi({ databaseUrl: backup.url, redisPrefix });
    const socket = await listen(api);
    await waitFor(() => api.output.lines().some((line) => line.includes('ahead of the journal')), {
      timeoutMs: 10_000,
      description: 'the api to find the stream ahead of the journal',
    });
    expect(socket.events).toEqual([]);
    await startWorker({ databaseUrl: backup.url, redisPrefix });
    const via = http(api.url, regionalToken);
    const logged = [await log(via, 'After the restore 1'), await log(via, 'After the restore 2')];
    const received = await receivedUpTo(via, socket);

    expect(received).toEqual(logged.map((entry) => entry.id));
    expect(received.filter((id) => lost.some((entry) => entry.id === id))).toEqual([]);
    // A replay is the restored journal's: what the backup kept, then what came after, never what was lost.
    const replay = await listen(api);
    const ack = await replay.subscribe({ topics: ['region'], after: 0 });
    await replay.waitForEvents(ack.replayed);
    const ours = [...kept, ...lost, ...logged].map((entry) => entry.id);
    expect(replay.events.map(idOf).filter((id) => ours.includes(id))).toEqual(
      [...kept, ...logged].map((entry) => entry.id),
    );
    await stopAll();
  });

  it('a backup restored in place under running processes: connected sockets are told to resync, then get every new event', async () => {
    const redisPrefix = uniqueRedisPrefix();
    const db = await database();
    const first = await deploy(db, redisPrefix);
    await logSeen(first, ['Before the backup']);
    await first.stop();
    const backup = await database(db);
    const restoredTo = await settledJournal(backup.url);

    const running = await deploy(db, redisPrefix);
    const socket = await listen(running.api);
    const lost = [await log(running.via, 'Lost 1'), await log(running.via, 'Lost 2'), await log(running.via, 'Lost 3')];
    await socket.waitForEvent((event) => idOf(event) === lost.at(-1)?.id);
    expect(Math.max(...socket.events.map((event) => event.seq))).toBeGreaterThan(restoredTo);
    const seenBefore = socket.events.length;

    await restoreTestDatabase(db, backup);
    // Positions went back with the database: the socket is told so, with nothing new logged yet.
    await waitFor(() => socket.resyncs.length > 0, {
      timeoutMs: 20_000,
      intervalMs: 100,
      description: 'a resync after the restore',
    });
    expect(socket.resyncs).toEqual([{ seq: restoredTo, reason: 'history-changed' }]);
    expect(socket.events).toHaveLength(seenBefore);

    // The api's pool may still hold a connection the restore cut: the first write is retried with its key.
    const logged = [
      await waitFor(
        async () => {
          const response = await running.via.post('/api/v1/cells/ppe/decisions', decisionBody('After the restore 1'), {
            'idempotency-key': `restored-${redisPrefix}`,
          });
          return response.status === 201 ? (response.body as Logged) : undefined;
        },
        { timeoutMs: 10_000, intervalMs: 250, description: 'a decision logged on the restored database' },
      ),
      await log(running.via, 'After the restore 2'),
    ];
    const marker = await log(running.via, 'Marker');
    await socket.waitForEvent((event) => idOf(event) === marker.id, 15_000);
    await new Promise((resolve) => setTimeout(resolve, QUIET_MS));

    const after = socket.events.slice(seenBefore);
    expect(after.map(idOf)).toEqual([...logged, marker].map((entry) => entry.id));
    expect(after.map((event) => event.seq)).toEqual([1, 2, 3].map((n) => restoredTo + n));
    await running.stop();
  });
});

function decisionBody(title: string): Record<string, unknown> {
  return {
    title,
    decision: `Decision: ${title}`,
    rationale: 'The figures',
    informationAvailable: 'Sitreps',
    options: [{ option: 'Go', chosen: true }],
    decidedAt: new Date().toISOString(),
    marking: 'OFFICIAL',
  };
}

function expectIncreasingSeqs(events: readonly LiveEvent[]): void {
  const seqs = events.map((event) => event.seq);
  for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBeGreaterThan(seqs[i - 1] ?? Number.POSITIVE_INFINITY);
}

/**
 * Continues every live stream under `prefix` up to position `through` with copies of its last entry,
 * renumbered (`stale-<seq>` ids): a previous history far ahead of any new database. Returns the keys.
 */
async function pushStreamsAhead(redis: Redis, prefix: string, through: number): Promise<string[]> {
  const streams: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:live*`, 'COUNT', 1000);
    cursor = next;
    for (const key of keys) if ((await redis.type(key)) === 'stream') streams.push(key);
  } while (cursor !== '0');
  for (const key of streams) {
    const [last] = await redis.xrevrange(key, '+', '-', 'COUNT', 1);
    if (last === undefined) continue;
    const [id, [field, value]] = [last[0], last[1]];
    if (field === undefined || value === undefined) throw new Error(`stream ${key} has an entry without fields`);
    const record = JSON.parse(value) as { data: Record<string, unknown> };
    const pipeline = redis.pipeline();
    for (let seq = Number(id.split('-')[0]) + 1; seq <= through; seq++) {
      const copy = { ...record, seq, data: { ...record.data, id: `stale-${seq}`, title: `Stale ${seq}` } };
      pipeline.xadd(key, `${seq}-0`, field, JSON.stringify(copy));
    }
    await pipeline.exec();
  }
  return streams;
}
