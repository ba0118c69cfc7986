import { Redis } from 'ioredis';
import {
  ACK_SLA,
  closeFleet,
  fleetCaughtUp,
  fleetProblems,
  historyOutline,
  journalSeqs,
  openFleet,
  outcomes,
  readinessBecomes,
  runStream,
  serverErrors,
  settledJournal,
  sleep,
  startFaultStage,
  startRedisOnPort,
  stopAll,
  stopPortRedis,
  storedOnce,
  waitFor,
  withDb,
  type ApiHandle,
  type FaultStage,
  type FleetSocket,
  type HistoryStep,
  type RedisServer,
  type Write,
} from '@muster/testing';

/**
 * Redis restarted (stopped for 4 s, started again empty on the same port) and, separately, wiped with
 * FLUSHALL, mid-stream. Two apis and a worker on the file's own redis-server; 200 sockets on `region`
 * stay connected throughout; escalations (high: 3 s per level) are raised before, during and after.
 *
 * Bounds: every attempt answers within 3 s, with a 2xx or a 503 (never a 500, never a hang); a 503 is
 * retried with the same Idempotency-Key. `/health/ready` is 503 within 3 s of Redis going away and 200 within
 * 10 s of its return. Within 20 s of the stream's end every escalation has climbed its whole ladder, each
 * step once (timers lost with Redis come back from PostgreSQL), and every socket has every event once, in
 * order, with no gap (the apis fill what the Redis stream lost from the journal).
 */

const STREAM_MS = 8_000;
const SOCKETS = 200;
const ATTEMPT_BOUND_MS = 3_000;
const RECOVERY_MS = 20_000;
const LADDER = [
  'raised@cell by fault-regional',
  'escalated cell→regional by system',
  'escalated regional→national by system',
  'overdue@national by system',
];

describe('Redis restarted or wiped mid-stream', () => {
  let stage: FaultStage;
  let redis: RedisServer;
  let databaseUrl: string;
  let api1: ApiHandle;
  let api2: ApiHandle;
  let token: string;
  const fleets: FleetSocket[][] = [];

  beforeAll(async () => {
    stage = await startFaultStage({ env: { ESCALATION_ACK_SLA: ACK_SLA, ESCALATION_RECONCILE_INTERVAL: '2s' } });
    ({ redis, databaseUrl, api1, api2, token } = stage);
  });

  afterAll(async () => {
    for (const fleet of fleets) closeFleet(fleet);
    await stopAll();
    await stopPortRedis();
    await stage?.close();
  });

  /** Runs the stream with `fault` injected after 2 s; then checks writes, timers and live delivery. */
  async function streamThrough(fault: () => Promise<void>): Promise<Write[]> {
    const baseline = await settledJournal(databaseUrl);
    const fleet = await openFleet([api1.url, api2.url], token, SOCKETS, ['region'], baseline);
    fleets.push(fleet);
    const streaming = runStream({
      apis: () => [api1.url, api2.url],
      token,
      durationMs: STREAM_MS,
      concurrency: 3,
      severity: 'high',
      attemptTimeoutMs: ATTEMPT_BOUND_MS,
      retryOn: (outcome) => outcome === 503,
    });
    await sleep(2_000);
    await fault();
    const writes = await streaming;
    const streamEnded = Date.now();

    // Only 2xx and 503, each within the bound; every write in the end acknowledged, and stored once.
    const counts = outcomes(writes);
    expect(serverErrors(writes)).toEqual([]);
    expect(Object.keys(counts).filter((k) => !['200', '201', '503'].includes(k))).toEqual([]);
    expect(Math.max(...writes.flatMap((w) => w.attempts.map((a) => a.ms)))).toBeLessThan(ATTEMPT_BOUND_MS);
    expect(writes.filter((w) => w.status === undefined).map((w) => w.key)).toEqual([]);
    expect(await storedOnce(databaseUrl, writes)).toEqual([]);

    // Timers recover by themselves: every escalation climbs the whole ladder, each step once.
    const titles = writes.filter((w) => w.kind === 'escalation').map((w) => w.key);
    const rows = await waitFor(
      () =>
        withDb(databaseUrl, async (client) => {
          const result = await client.query<{ title: string; history: HistoryStep[]; version: number; done: boolean }>(
            `SELECT title, history, version, history @> '[{"step":"overdue"}]' AS done FROM escalation WHERE title = ANY($1)`,
            [titles],
          );
          return result.rows.length === titles.length && result.rows.every((row) => row.done) ? result.rows : undefined;
        }),
      {
        timeoutMs: RECOVERY_MS,
        intervalMs: 250,
        description: `all ${titles.length} escalations to be overdue at national`,
      },
    );
    expect(
      rows
        .filter((row) => JSON.stringify(historyOutline(row.history)) !== JSON.stringify(LADDER))
        .map((row) => [row.title, historyOutline(row.history)]),
    ).toEqual([]);
    expect(rows.every((row) => row.version === 4)).toBe(true);

    // Live delivery recovers by itself: every socket (connected throughout) has every event once, in order.
    const last = await settledJournal(databaseUrl);
    const expected = await journalSeqs(databaseUrl, 'region', baseline);
    expect(expected.length).toBe(writes.length + 3 * titles.length);
    await fleetCaughtUp(fleet, last, Math.max(1_000, RECOVERY_MS - (Date.now() - streamEnded)));
    expect(fleetProblems(fleet, expected)).toEqual([]);
    expect(fleet.filter((s) => s.reconnects > 0)).toHaveLength(0);
    process.stdout.write(
      `redis fault: ${writes.length} writes, attempts ${JSON.stringify(counts)}, ${titles.length} escalations, ${expected.length} events to ${SOCKETS} sockets\n`,
    );
    return writes;
  }

  it('stopped for 4 s and started again empty: 2xx or 503 within 3 s, readiness 503 then 200, timers and live delivery recover', async () => {
    await streamThrough(async () => {
      await redis.stop();
      const downAt = Date.now();
      const [down1, down2] = await Promise.all([
        readinessBecomes(api1.url, 503, 3_000),
        readinessBecomes(api2.url, 503, 3_000),
      ]);
      expect(Math.max(down1, down2) - downAt).toBeLessThan(3_000);
      await sleep(Math.max(0, 4_000 - (Date.now() - downAt)));
      // The apis stay ready-false for the whole outage.
      expect((await fetch(`${api1.url}/health/ready`)).status).toBe(503);
      await startRedisOnPort(redis.port);
      const backAt = Date.now();
      const [up1, up2] = await Promise.all([
        readinessBecomes(api1.url, 200, 10_000),
        readinessBecomes(api2.url, 200, 10_000),
      ]);
      expect(Math.max(up1, up2) - backAt).toBeLessThan(10_000);
    });
  }, 60_000);

  it('FLUSHALL mid-stream: every write accepted, timers and live delivery recover', async () => {
    await streamThrough(async () => {
      const client = new Redis(redis.url, { maxRetriesPerRequest: 1 });
      try {
        await client.flushall();
      } finally {
        client.disconnect();
      }
    });
  }, 60_000);
});
