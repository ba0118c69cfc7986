import {
  ACK_SLA,
  closeFleet,
  fleetCaughtUp,
  fleetProblems,
  historyOutline,
  journalSeqs,
  openFleet,
  outcomes,
  runStream,
  settledJournal,
  sleep,
  startFaultStage,
  stopAll,
  storedOnce,
  waitFor,
  withDb,
  type ApiHandle,
  type FaultStage,
  type FleetSocket,
  type HistoryStep,
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
  let stage: FaultStage;
  let databaseUrl: string;
  let api1: ApiHandle;
  let api2: ApiHandle;
  let worker: WorkerHandle;
  let token: string;
  let fleet: FleetSocket[] = [];

  beforeAll(async () => {
    stage = await startFaultStage({ env: { ESCALATION_ACK_SLA: ACK_SLA, ESCALATION_RECONCILE_INTERVAL: '5s' } });
    ({ databaseUrl, api1, api2, worker, token } = stage);
  });

  afterAll(async () => {
    closeFleet(fleet);
    await stopAll();
    await stage?.close();
  });

  it('no event is skipped or published twice, and every timer step happens exactly once', async () => {
    const baseline = await settledJournal(databaseUrl);
    fleet = await openFleet([api1.url, api2.url], token, SOCKETS, ['region'], baseline);

    const streaming = runStream({
      apis: () => [api1.url, api2.url],
      token,
      durationMs: STREAM_MS,
      concurrency: 3,
      severity: 'critical',
    });
    await sleep(3_500);
    expect((await worker.kill()).signal).toBe('SIGKILL');
    await sleep(1_500);
    await worker.restart();
    const writes = await streaming;
    const streamEnded = Date.now();

    // The apis never needed the worker: every write was accepted first time.
    expect(outcomes(writes)).toEqual({ '200': expect.any(Number), '201': expect.any(Number) });
    expect(await storedOnce(databaseUrl, writes)).toEqual([]);

    // Every escalation climbs the whole ladder, each step once, whether its timer was pending, firing or
    // not yet scheduled when the worker died.
    const escalationTitles = writes.filter((w) => w.kind === 'escalation').map((w) => w.key);
    expect(escalationTitles.length).toBeGreaterThan(10);
    const histories = await waitFor(
      () =>
        withDb(databaseUrl, async (client) => {
          const result = await client.query<{
            title: string;
            history: HistoryStep[];
            version: number;
            overdue: boolean;
          }>(
            `SELECT title, history, version, level = 'national' AND status = 'open' AND history @> '[{"step":"overdue"}]' AS overdue FROM escalation WHERE title = ANY($1)`,
            [escalationTitles],
          );
          return result.rows.length === escalationTitles.length && result.rows.every((row) => row.overdue)
            ? result.rows
            : undefined;
        }),
      {
        timeoutMs: LADDER_BOUND_MS,
        intervalMs: 250,
        description: `all ${escalationTitles.length} escalations to be overdue at national`,
      },
    );
    expect(Date.now() - streamEnded).toBeLessThan(LADDER_BOUND_MS);
    const ladder = [
      'raised@cell by fault-regional',
      'escalated cell→regional by system',
      'escalated regional→national by system',
      'overdue@national by system',
    ];
    expect(
      histories
        .filter((row) => JSON.stringify(historyOutline(row.history)) !== JSON.stringify(ladder))
        .map((row) => [row.title, historyOutline(row.history)]),
    ).toEqual([]);
    expect(histories.every((row) => row.version === 4)).toBe(true);

    // The relay: positions dense from 1, the checkpoint at the end, nothing left unsequenced.
    const last = await settledJournal(databaseUrl);
    await waitFor(
      () =>
        withDb(databaseUrl, async (client) =>
          (await client.query<{ published: string }>(`SELECT published FROM relay_state WHERE name = 'live'`)).rows[0]
            ?.published === String(last)
            ? true
            : undefined,
        ),
      { timeoutMs: 10_000, description: `the relay checkpoint to reach ${last}` },
    );
    const all = await journalSeqs(databaseUrl, 'region', 0);
    const every = await withDb(databaseUrl, async (client) =>
      (await client.query<{ seq: string }>('SELECT seq FROM journal WHERE seq IS NOT NULL ORDER BY seq')).rows.map(
        (row) => Number(row.seq),
      ),
    );
    expect(every).toEqual(Array.from({ length: last }, (_, i) => i + 1));
    expect(all.length).toBeGreaterThan(0);

    // Every socket: each event once, in order, none missing (a repeated publication is dropped by seq).
    const expected = await journalSeqs(databaseUrl, 'region', baseline);
    // 4 events per escalation (raised, 2 climbs, overdue), one per decision and sitrep.
    expect(expected.length).toBe(writes.length + 3 * escalationTitles.length);
    await fleetCaughtUp(fleet, last, CATCH_UP_MS);
    expect(fleetProblems(fleet, expected)).toEqual([]);
    process.stdout.write(
      `worker-crash: ${writes.length} writes, ${escalationTitles.length} escalations, ${expected.length} events to ${SOCKETS} sockets\n`,
    );
  }, 90_000);
});
