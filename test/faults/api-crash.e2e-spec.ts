import {
  closeFleet,
  fleetCaughtUp,
  fleetProblems,
  journalSeqs,
  openFleet,
  outcomes,
  runStream,
  serverErrors,
  settledJournal,
  sleep,
  startFaultStage,
  stopAll,
  storedOnce,
  type ApiHandle,
  type FaultStage,
  type FleetSocket,
} from '@muster/testing';

/**
 * An api process SIGKILLed mid-stream and restarted. Two apis and a worker on the file's own redis-server
 * and database; a 12 s stream of decisions, escalations and sitreps through both apis while 200 sockets
 * (half on each api) listen on `region`.
 *
 * Bounds: each attempt answers within 5 s; a write refused by the dead api (connection error or 503) is
 * retried with the same Idempotency-Key until 2xx, within 30 s; after the stream every socket has every
 * event within 20 s.
 */

const STREAM_MS = 12_000;
const SOCKETS = 200;
const CATCH_UP_MS = 20_000;

describe('an api SIGKILLed mid-stream and restarted', () => {
  let stage: FaultStage;
  let databaseUrl: string;
  let api1: ApiHandle;
  let api2: ApiHandle;
  let token: string;
  let fleet: FleetSocket[] = [];

  beforeAll(async () => {
    stage = await startFaultStage();
    ({ databaseUrl, api1, api2, token } = stage);
  });

  afterAll(async () => {
    closeFleet(fleet);
    await stopAll();
    await stage?.close();
  });

  it('every 2xx is stored once, every retried write lands once, every socket gets every event once, in order, with no gap', async () => {
    const baseline = await settledJournal(databaseUrl);
    fleet = await openFleet([api1.url, api2.url], token, SOCKETS, ['region'], baseline);

    const streaming = runStream({
      apis: () => [api1.url, api2.url],
      token,
      durationMs: STREAM_MS,
      concurrency: 4,
      attemptTimeoutMs: 5_000,
    });
    await sleep(STREAM_MS / 3);
    const killed = await api1.kill();
    expect(killed.signal).toBe('SIGKILL');
    await sleep(1_000);
    await api1.restart();
    const writes = await streaming;

    // The stream really went through the crash: some attempts hit the dead api and were retried.
    const counts = outcomes(writes);
    expect(serverErrors(writes)).toEqual([]);
    const refused = writes.filter((w) => w.attempts.some((a) => a.outcome === 'connection' || a.outcome === 503));
    expect(refused.length).toBeGreaterThan(0);
    // Nothing else went wrong: only 2xx, connection errors and 503, each within the bound.
    expect(Object.keys(counts).filter((k) => !['200', '201', 'connection', '503'].includes(k))).toEqual([]);
    expect(writes.filter((w) => w.status === undefined).map((w) => w.key)).toEqual([]);
    expect(writes.length).toBeGreaterThan(30);

    // Every acknowledged write is in PostgreSQL exactly once (retries carried the same key).
    expect(await storedOnce(databaseUrl, writes)).toEqual([]);

    // Every socket, including the 100 that reconnected to the restarted api with `after`, has the journal's
    // stream exactly: every event once, strictly increasing, no gap.
    const last = await settledJournal(databaseUrl);
    const expected = await journalSeqs(databaseUrl, 'region', baseline);
    expect(expected.length).toBeGreaterThanOrEqual(writes.length);
    await fleetCaughtUp(fleet, last, CATCH_UP_MS);
    expect(fleetProblems(fleet, expected)).toEqual([]);
    expect(fleet.filter((s) => s.reconnects > 0).length).toBe(SOCKETS / 2);
    process.stdout.write(
      `api-crash: ${writes.length} writes, attempts ${JSON.stringify(counts)}, ${expected.length} events to ${SOCKETS} sockets\n`,
    );
  });
});
