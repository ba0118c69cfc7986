import {
  closeFleet,
  createTestDatabase,
  fleetCaughtUp,
  fleetProblems,
  historyOutline,
  journalSeqs,
  mintToken,
  openFleet,
  outcomes,
  runStream,
  settledJournal,
  sleep,
  startApi,
  startRedisServer,
  startWorker,
  stopAll,
  storedOnce,
  uniqueRedisPrefix,
  waitFor,
  withDb,
  type ApiHandle,
  type FleetSocket,
  type HistoryStep,
  type RedisServer,
  type StartOptions,
  type TestDatabase,
  type WorkerHandle,
} from '@muster/testing';

/**
 * The worker (the relay and the escalation timers) SIGKILLed mid-stream and restarted. Two apis, one
 * worker, the file's own redis-server; an 8 s stream of decisions, escalations (critical, 2 s per level, so
 * timers are pending and firing when the worker dies) and sitreps while 200 sockets listen on `region`.
 *
 * Bounds: every escalation reaches `overdue` within 30 s of the stream's end; then every socket has every
 * event within 15 s. The relay neither skips nor repeats (the journal's seq is dense, the checkpoint
 * reaches its end, each socket gets each seq once); each timer step happens exactly once.
 */

const STREAM_MS = 8_000;
const SOCKETS = 200;
const LADDER_BOUND_MS = 30_000;
const CATCH_UP_MS = 15_000;

describe('the worker SIGKILLed mid-stream and restarted', () => {
  let redis: RedisServer;
  let db: TestDatabase;
  let api1: ApiHandle;
  let api2: ApiHandle;
  let worker: WorkerHandle;
  let fleet: FleetSocket[] = [];

  beforeAll(async () => {
    redis = await startRedisServer();
    db = await createTestDatabase();
    const options: StartOptions = {
      databaseUrl: db.url,
      redisPrefix: uniqueRedisPrefix(),
      redisUrl: redis.url,
      env: { WORKER_METRICS_PORT: '0', ESCALATION_ACK_SLA: 'critical=2s,high=3s,medium=4s,low=5s', ESCALATION_RECONCILE_INTERVAL: '5s' },
    };
    [api1, api2, worker] = await Promise.all([startApi(options), startApi(options), startWorker(options)]);
  });

  afterAll(async () => {
    closeFleet(fleet);
    await stopAll();
    await redis?.stop();
    await db?.drop();
  });

  it('no event is skipped or published twice, and every timer step happens exactly once', async () => {
    const token = await mintToken({ sub: 'fault-regional', name: 'Regional', roles: ['regional-coordinator'], clearance: 'OFFICIAL-SENSITIVE' });
    const baseline = await settledJournal(db.url);
    fleet = await openFleet([api1.url, api2.url], token, SOCKETS, ['region'], baseline);

    const streaming = runStream({ apis: () => [api1.url, api2.url], token, durationMs: STREAM_MS, concurrency: 3, severity: 'critical' });
    await sleep(3_500);
    expect((await worker.kill()).signal).toBe('SIGKILL');
    await sleep(1_500);
    await worker.restart();
    const writes = await streaming;
    const streamEnded = Date.now();

    // The apis never needed the worker: every write was accepted first time.
    expect(outcomes(writes)).toEqual({ '200': expect.any(Number), '201': expect.any(Number) });
    expect(await storedOnce(db.url, writes)).toEqual([]);

    // Every escalation climbs the whole ladder, each step once, whether its timer was pending, firing or
    // not yet scheduled when the worker died.
    const escalationTitles = writes.filter((w) => w.kind === 'escalation').map((w) => w.key);
    expect(escalationTitles.length).toBeGreaterThan(10);
    const histories = await waitFor(
      () =>
        withDb(db.url, async (client) => {
          const result = await client.query<{ title: string; history: HistoryStep[]; version: number; overdue: boolean }>(
            `SELECT title, history, version, level = 'national' AND status = 'open' AND history @> '[{"step":"overdue"}]' AS overdue FROM escalation WHERE title = ANY($1)`,
            [escalationTitles],
          );
          return result.rows.length === escalationTitles.length && result.rows.every((row) => row.overdue) ? result.rows : undefined;
        }),
      { timeoutMs: LADDER_BOUND_MS, intervalMs: 250, description: `all ${escalationTitles.length} escalations to be overdue at national` },
    );
    expect(Date.now() - streamEnded).toBeLessThan(LADDER_BOUND_MS);
    const ladder = ['raised@cell by fault-regional', 'escalated cell→regional by system', 'escalated regional→national by system', 'overdue@national by system'];
    expect(histories.filter((row) => JSON.stringify(historyOutline(row.history)) !== JSON.stringify(ladder)).map((row) => [row.title, historyOutline(row.history)])).toEqual([]);
    expect(histories.every((row) => row.version === 4)).toBe(true);

    // The relay: positions dense from 1, the checkpoint at the end, nothing left unsequenced.
    const last = await settledJournal(db.url);
    await waitFor(
      () => withDb(db.url, async (client) => ((await client.query<{ published: string }>(`SELECT published FROM relay_state WHERE name = 'live'`)).rows[0]?.published === String(last) ? true : undefined)),
      { timeoutMs: 10_000, description: `the relay checkpoint to reach ${last}` },
    );
    const all = await journalSeqs(db.url, 'region', 0);
    const every = await withDb(db.url, async (client) => (await client.query<{ seq: string }>('SELECT seq FROM journal WHERE seq IS NOT NULL ORDER BY seq')).rows.map((row) => Number(row.seq)));
    expect(every).toEqual(Array.from({ length: last }, (_, i) => i + 1));
    expect(all.length).toBeGreaterThan(0);

    // Every socket: each event once, in order, none missing (a repeated publication is dropped by seq).
    const expected = await journalSeqs(db.url, 'region', baseline);
    // 4 events per escalation (raised, 2 climbs, overdue), one per decision and sitrep.
    expect(expected.length).toBe(writes.length + 3 * escalationTitles.length);
    await fleetCaughtUp(fleet, last, CATCH_UP_MS);
    expect(fleetProblems(fleet, expected)).toEqual([]);
    process.stdout.write(`worker-crash: ${writes.length} writes, ${escalationTitles.length} escalations, ${expected.length} events to ${SOCKETS} sockets\n`);
  }, 90_000);
});
