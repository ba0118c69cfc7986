import {
  ACK_SLA,
  createTestDatabase,
  escalationInput,
  expectStatus,
  historyOutline,
  http,
  mintToken,
  SLA_MS,
  sleep,
  startApi,
  startRedisServer,
  startWorker,
  stopAll,
  timerJobKey,
  uniqueRedisPrefix,
  waitFor,
  waitForEscalation,
  type ApiHandle,
  type DecisionRequestBody,
  type EscalationBody,
  type HttpClient,
  type RedisServer,
  type StartOptions,
  type TestDatabase,
  type WorkerHandle,
} from '@muster/testing';
import { COVENTRY, DUDLEY, SANDWELL } from '@muster/builders';

/**
 * PostgreSQL is the truth, Redis only holds the timers: a worker killed while a timer is pending, a Redis
 * wiped (FLUSHALL) with or without a worker restart, and two workers sharing the queues all leave every
 * step of the ladder happening, and happening once.
 *
 * The file runs its own redis-server (never FLUSHALL the machine's shared Redis): the api and the workers
 * all point at it.
 */

/** Up to ~3× the deadlines plus a margin (two slow cores, processes restarting). */
const within = (ms: number) => 3 * ms + 4_000;

/** The whole ladder, unacknowledged, by a person. */
const fullLadder = (by: string) => [
  `raised@cell by ${by}`,
  'escalated cell→regional by system',
  'escalated regional→national by system',
  'overdue@national by system',
];
/** The ladder of the escalation an overdue decision request raises: it starts at regional. */
const requestLadder = [
  'raised@regional by system',
  'escalated regional→national by system',
  'overdue@national by system',
];

describe('timers survive worker crashes, Redis wipes and several workers', () => {
  let redis: RedisServer;
  let db: TestDatabase;
  let redisPrefix: string;
  let options: StartOptions;
  let api: ApiHandle;
  let worker: WorkerHandle;
  let regional: HttpClient;
  const REGIONAL_SUB = 'durability-regional';

  const raise = async (overrides: Record<string, unknown> = {}): Promise<EscalationBody> =>
    expectStatus<EscalationBody>(await regional.post('/api/v1/escalations', escalationInput(overrides)), 201);
  const read = async (id: string): Promise<EscalationBody> =>
    expectStatus<EscalationBody>(await regional.get(`/api/v1/escalations/${id}`), 200);
  const openRequest = async (cell: string, dueInMs: number, question: string): Promise<DecisionRequestBody> =>
    expectStatus<DecisionRequestBody>(
      await regional.post(`/api/v1/cells/${cell}/decision-requests`, {
        question,
        dueAt: new Date(Date.now() + dueInMs).toISOString(),
        marking: 'OFFICIAL',
      }),
      201,
    );
  const readRequest = async (cell: string, id: string): Promise<DecisionRequestBody> =>
    expectStatus<DecisionRequestBody>(await regional.get(`/api/v1/cells/${cell}/decision-requests/${id}`), 200);
  /** Every escalation a request's missed deadline raised (there must be one). */
  const raisedFor = async (cell: string, requestId: string): Promise<EscalationBody[]> => {
    const list = expectStatus<{ items: EscalationBody[] }>(
      await regional.get(`/api/v1/escalations?cell=${cell}&limit=500`),
      200,
    );
    return list.items.filter((e) => e.decisionRequestId === requestId);
  };
  const untilOverdue = (id: string, timeoutMs: number) =>
    waitForEscalation(regional, id, (e) => e.overdue, 'to be overdue at national', timeoutMs);
  /** Waits until all these timer jobs are in Redis. */
  const timersPending = (keys: string[]) =>
    waitFor(async () => (await redis.exists(keys)).every(Boolean), {
      timeoutMs: 5_000,
      description: `timer jobs ${keys.join(', ')}`,
    });
  /** The request goes overdue, raises exactly one escalation, and that one climbs to overdue, once each. */
  const requestSettles = async (cell: string, request: DecisionRequestBody, timeoutMs: number): Promise<void> => {
    const overdue = await waitFor(
      async () => {
        const current = await readRequest(cell, request.id);
        return current.status === 'overdue' ? current : undefined;
      },
      { timeoutMs, intervalMs: 100, description: `request ${request.id} to be overdue` },
    );
    expect(overdue.escalationId).toEqual(expect.any(String));
    const escalation = await untilOverdue(overdue.escalationId ?? '', 3 * SLA_MS.high + timeoutMs);
    expect(escalation.decisionRequestId).toBe(request.id);
    expect(historyOutline(escalation.history)).toEqual(requestLadder);
    expect((await raisedFor(cell, request.id)).map((e) => e.id)).toEqual([escalation.id]);
  };

  beforeAll(async () => {
    redis = await startRedisServer();
    db = await createTestDatabase();
    redisPrefix = uniqueRedisPrefix();
    options = {
      databaseUrl: db.url,
      redisPrefix,
      redisUrl: redis.url,
      env: { ESCALATION_ACK_SLA: ACK_SLA, ESCALATION_RECONCILE_INTERVAL: '2s', WORKER_METRICS_PORT: '0' },
    };
    [api, worker] = await Promise.all([startApi(options), startWorker(options)]);
    regional = http(api.url, await mintToken({ sub: REGIONAL_SUB, name: 'Regional', roles: ['regional-coordinator'] }));
  });

  afterAll(async () => {
    await stopAll();
    await redis?.stop();
    await db?.drop();
  });

  it('a worker SIGKILLed while a timer is pending and restarted after the deadline climbs once, promptly', async () => {
    const raised = await raise({ severity: 'high', title: 'Pending when the worker died' });
    await timersPending([timerJobKey(redisPrefix, { escalationId: raised.id, level: 'cell' })]);
    await worker.kill();
    // It really was pending: the deadline had not come when the worker died.
    expect(Date.now()).toBeLessThan(Date.parse(raised.ackDueAt ?? ''));

    await sleep(Date.parse(raised.ackDueAt ?? '') - Date.now() + 1_000);
    // With no worker, nothing moves.
    expect(await read(raised.id)).toEqual(raised);

    const restartedAt = Date.now();
    await worker.restart();
    const readyAt = Date.now();
    const climbed = await waitForEscalation(
      regional,
      raised.id,
      (e) => e.level === 'regional',
      'to climb after the restart',
      10_000,
    );
    const climbedAt = Date.parse(climbed.history[1]?.at ?? '');
    expect(climbedAt).toBeGreaterThanOrEqual(restartedAt);
    expect(climbedAt - readyAt).toBeLessThan(4_000);

    // Then the ladder goes on as usual, and the cell→regional step is never repeated.
    const national = await waitForEscalation(
      regional,
      raised.id,
      (e) => e.level === 'national',
      'to reach national',
      within(SLA_MS.high),
    );
    expect(historyOutline(national.history)).toEqual([
      `raised@cell by ${REGIONAL_SUB}`,
      'escalated cell→regional by system',
      'escalated regional→national by system',
    ]);
    expect(national.version).toBe(3);
    expect(
      expectStatus<EscalationBody>(
        await regional.post(`/api/v1/escalations/${raised.id}/resolve`, { resolution: 'done' }),
        200,
      ).status,
    ).toBe('resolved');
  });

  it('Redis wiped (FLUSHALL) while timers are pending, worker restarted: every step still happens, exactly once', async () => {
    // High (3 s): room to stop the worker before the first deadline.
    const escalations = await Promise.all([
      raise({ title: 'Wiped 1', severity: 'high' }),
      raise({ title: 'Wiped 2', severity: 'high', cell: 'food', authority: COVENTRY }),
      raise({ title: 'Wiped 3', severity: 'high', cell: 'shielding', authority: DUDLEY }),
    ]);
    const request = await openRequest('food', SLA_MS.high, 'Open the second food hub?');
    const keys = [
      ...escalations.map((e) => timerJobKey(redisPrefix, { escalationId: e.id, level: 'cell' })),
      timerJobKey(redisPrefix, { requestId: request.id }),
    ];
    await timersPending(keys);
    // Stopped first, so that the timers can only come back from the restarted worker, not from the old
    // one's periodic reconciliation.
    await worker.stop();
    await redis.flushAll();
    expect(await redis.exists(keys)).toEqual(keys.map(() => false));
    // Nothing had fired: the wiped timers were all still to come.
    for (const e of escalations) expect(await read(e.id)).toEqual(e);
    expect((await readRequest('food', request.id)).status).toBe('open');

    await worker.restart();
    const readyAt = Date.now();
    const settled = await Promise.all(escalations.map((e) => untilOverdue(e.id, within(3 * SLA_MS.high))));
    for (const e of settled) {
      expect(historyOutline(e.history)).toEqual(fullLadder(REGIONAL_SUB));
      expect(e.version).toBe(4);
      // The lost timers fired as soon as the worker was back (or at their deadline), not a deadline later.
      const first = e.history[1];
      const raisedStep = e.history[0];
      expect(Date.parse(first?.at ?? '')).toBeLessThan(
        Math.max(readyAt, Date.parse(raisedStep?.ackDueAt ?? '')) + 3_000,
      );
    }
    await requestSettles('food', request, within(SLA_MS.high));
  });

  it('Redis wiped without a restart: reconciliation (every 2 s) puts the timers back and every step happens once', async () => {
    const escalations = await Promise.all([
      raise({ title: 'Wiped live 1', severity: 'medium' }),
      raise({ title: 'Wiped live 2', severity: 'medium', cell: 'homelessness', authority: SANDWELL }),
    ]);
    const request = await openRequest('homelessness', SLA_MS.medium, 'Use the leisure centre as a night shelter?');
    const keys = [
      ...escalations.map((e) => timerJobKey(redisPrefix, { escalationId: e.id, level: 'cell' })),
      timerJobKey(redisPrefix, { requestId: request.id }),
    ];
    await timersPending(keys);
    await redis.flushAll();
    const wipedAt = Date.now();
    // Every timer was wiped before its deadline (fixed in PostgreSQL when it was raised), and the worker runs
    // on: each step below can only come from a timer reconciliation put back after the wipe. Reconciliation
    // may run at any moment from here on, so nothing in between is asserted on; only the ladders' final
    // states, which no later pass or timer can change (overdue at national is the last step).
    for (const e of escalations) expect(wipedAt).toBeLessThan(Date.parse(e.ackDueAt ?? ''));
    expect(wipedAt).toBeLessThan(Date.parse(request.dueAt));

    const settled = await Promise.all(escalations.map((e) => untilOverdue(e.id, within(3 * SLA_MS.medium))));
    for (const e of settled) {
      expect(historyOutline(e.history)).toEqual(fullLadder(REGIONAL_SUB));
      expect(e.version).toBe(4);
      expect(Date.parse(e.history[1]?.at ?? '')).toBeGreaterThanOrEqual(wipedAt);
    }
    await requestSettles('homelessness', request, within(SLA_MS.high));
  });

  it('two workers on the same queues: each step happens once, across several escalations and a request', async () => {
    const second = await startWorker(options);
    expect(second.running && worker.running).toBe(true);
    const escalations = await Promise.all(
      ['ppe', 'food', 'shielding', 'homelessness', 'ppe'].map((cell, n) => raise({ title: `Two workers ${n}`, cell })),
    );
    const request = await openRequest('shielding', SLA_MS.critical, 'Extend the shielding letters to the new list?');
    const settled = await Promise.all(escalations.map((e) => untilOverdue(e.id, within(3 * SLA_MS.critical))));
    for (const e of settled) {
      expect(historyOutline(e.history)).toEqual(fullLadder(REGIONAL_SUB));
      expect(e.version).toBe(4);
    }
    await requestSettles('shielding', request, within(SLA_MS.critical));
    // Past another deadline, nothing was repeated late.
    await sleep(SLA_MS.critical + 500);
    for (const e of settled) expect(await read(e.id)).toEqual(e);
  });
});
