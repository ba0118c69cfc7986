import {
  closeFleet,
  fleetCaughtUp,
  fleetProblems,
  journalSeqs,
  openFleet,
  outcomes,
  readinessBecomes,
  runStream,
  serverErrors,
  settledJournal,
  sleep,
  startFaultStage,
  startPostgresServer,
  stopAll,
  stopPostgresServers,
  storedOnce,
  withDb,
  type ApiHandle,
  type FaultStage,
  type FleetSocket,
  type PostgresServer,
} from '@muster/testing';

/**
 * PostgreSQL stopped for 4 s mid-stream and started again. The file runs its own PostgreSQL (initdb into a
 * temporary folder, a free port) and redis-server; two apis and a worker; 100 sockets on `region`.
 *
 * Bounds: `/health/ready` is 503 within 3 s of PostgreSQL going away and 200 within 10 s of its return;
 * every attempt answers within 5 s with a 2xx or a 503 (never a 500, never a hang); a 503 is retried with
 * the same Idempotency-Key. Nothing is half-written: every acknowledged write is stored exactly once, every
 * decision log chain still verifies, every journal row is sequenced. Within 20 s of the stream's end every
 * socket has every event once, in order, with no gap.
 */

const STREAM_MS = 10_000;
const SOCKETS = 100;
const ATTEMPT_BOUND_MS = 5_000;
const RECOVERY_MS = 20_000;

describe('PostgreSQL stopped mid-stream and started again', () => {
  let pg: PostgresServer;
  let stage: FaultStage;
  let api1: ApiHandle;
  let api2: ApiHandle;
  let token: string;
  let fleet: FleetSocket[] = [];

  beforeAll(async () => {
    pg = await startPostgresServer();
    stage = await startFaultStage({ databaseUrl: pg.url, env: { DATABASE_POOL_SIZE: '10' } });
    ({ api1, api2, token } = stage);
  });

  afterAll(async () => {
    closeFleet(fleet);
    await stopAll();
    await stage?.close();
    await stopPostgresServers();
  });

  it('readiness false and writes 503 while it is down, nothing half-written, everything recovers', async () => {
    const baseline = await settledJournal(pg.url);
    fleet = await openFleet([api1.url, api2.url], token, SOCKETS, ['region'], baseline);

    const streaming = runStream({
      apis: () => [api1.url, api2.url],
      token,
      durationMs: STREAM_MS,
      concurrency: 3,
      attemptTimeoutMs: ATTEMPT_BOUND_MS,
      retryOn: (outcome) => outcome === 503,
      retryForMs: 40_000,
    });
    await sleep(2_500);
    await pg.stop();
    const downAt = Date.now();
    const [down1, down2] = await Promise.all([
      readinessBecomes(api1.url, 503, 3_000),
      readinessBecomes(api2.url, 503, 3_000),
    ]);
    expect(Math.max(down1, down2) - downAt).toBeLessThan(3_000);
    await sleep(Math.max(0, 4_000 - (Date.now() - downAt)));
    expect([api1.running, api2.running]).toEqual([true, true]);
    expect((await fetch(`${api2.url}/health/ready`)).status).toBe(503);
    await pg.start();
    const backAt = Date.now();
    const [up1, up2] = await Promise.all([
      readinessBecomes(api1.url, 200, 10_000),
      readinessBecomes(api2.url, 200, 10_000),
    ]);
    expect(Math.max(up1, up2) - backAt).toBeLessThan(10_000);
    const writes = await streaming;
    const streamEnded = Date.now();

    // Writes during the outage were refused with 503 (and retried), never 500, never past the bound.
    const counts = outcomes(writes);
    expect(serverErrors(writes)).toEqual([]);
    expect(counts['503'] ?? 0).toBeGreaterThan(0);
    expect(Object.keys(counts).filter((k) => !['200', '201', '503'].includes(k))).toEqual([]);
    expect(Math.max(...writes.flatMap((w) => w.attempts.map((a) => a.ms)))).toBeLessThan(ATTEMPT_BOUND_MS);
    expect(writes.filter((w) => w.status === undefined).map((w) => w.key)).toEqual([]);

    // Nothing half-written: each acknowledged write once, each cell's chain intact, every row sequenced.
    expect(await storedOnce(pg.url, writes)).toEqual([]);
    for (const cell of ['ppe', 'food', 'shielding', 'homelessness']) {
      const verify = await fetch(`${api1.url}/api/v1/cells/${cell}/decisions/verify`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect({ cell, status: verify.status, body: await verify.json() }).toMatchObject({
        cell,
        status: 200,
        body: { valid: true },
      });
    }
    const orphans = await withDb(pg.url, async (client) => {
      const result = await client.query<{ n: string }>(
        `SELECT count(*) AS n FROM journal j WHERE j.type = 'decision.logged' AND NOT EXISTS (SELECT 1 FROM decision_log_entry d WHERE d.id = (j.data->>'id')::uuid)`,
      );
      return Number(result.rows[0]?.n ?? -1);
    });
    expect(orphans).toBe(0);

    const last = await settledJournal(pg.url);
    const expected = await journalSeqs(pg.url, 'region', baseline);
    expect(expected.length).toBe(writes.length);
    await fleetCaughtUp(fleet, last, Math.max(1_000, RECOVERY_MS - (Date.now() - streamEnded)));
    expect(fleetProblems(fleet, expected)).toEqual([]);
    process.stdout.write(
      `postgres-stop: ${writes.length} writes, attempts ${JSON.stringify(counts)}, ${expected.length} events to ${SOCKETS} sockets\n`,
    );
  }, 60_000);
});
