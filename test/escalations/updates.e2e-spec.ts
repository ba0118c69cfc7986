import type { Role } from '@muster/contracts';
import {
  ACK_SLA,
  connectLive,
  connectRedis,
  createTestDatabase,
  deleteRedisKeys,
  escalationInput,
  eventsAbout,
  expectStatus,
  historyOutline,
  http,
  mintToken,
  SLA_MS,
  sleep,
  startApi,
  startWorker,
  statusOf,
  stopAll,
  uniqueRedisPrefix,
  waitFor,
  type ApiHandle,
  type EscalationBody,
  type HttpClient,
  type LiveClient,
  type LiveEvent,
  type ProblemBody,
  type TestDatabase,
} from '@muster/testing';
import { BIRMINGHAM } from '@muster/builders';

/**
 * Escalation updates and withdrawal against the real api and worker: the raiser and the holder add
 * updates; a promised next update that passes with no newer one re-alerts once (`escalation.update-overdue`
 * on the live socket), never again for that promise, and not at all for a promise an update replaced;
 * the raiser alone withdraws, after which nothing climbs, re-alerts or changes. "Nothing more happens" is
 * checked by waiting past the deadline and past two reconciliation passes (which re-create timers) and
 * comparing the whole escalation and the live events about it with what they were.
 */

const RECONCILE_MS = 1_000;
/** Past a deadline, two reconciliation passes and slow cores: when a duplicate would have shown. */
const QUIET_MS = 3 * RECONCILE_MS + 2_000;

describe('escalation updates and withdrawal', () => {
  let db: TestDatabase;
  let api: ApiHandle;
  let raiser: HttpClient;
  let ppeLead: HttpClient;
  let ppeMember: HttpClient;
  let regional: HttpClient;
  let regionSocket: LiveClient;
  let redisPrefix: string;
  const subs: Record<string, string> = {};

  const person = async (
    key: string,
    roles: Role[],
    extra: { cells?: string[]; authority?: string } = {},
  ): Promise<HttpClient> => {
    subs[key] = `${key}-${Math.random().toString(36).slice(2, 8)}`;
    return http(api.url, await mintToken({ sub: subs[key], name: key, roles, ...extra }));
  };
  const raise = async (overrides: Record<string, unknown> = {}): Promise<EscalationBody> =>
    expectStatus<EscalationBody>(
      await raiser.post('/api/v1/escalations', escalationInput({ severity: 'low', ...overrides })),
      201,
    );
  const read = async (id: string): Promise<EscalationBody> =>
    expectStatus<EscalationBody>(await regional.get(`/api/v1/escalations/${id}`), 200);
  const inFuture = (ms: number) => new Date(Date.now() + ms).toISOString();
  const types = (events: readonly LiveEvent[]) => events.map((event) => event.type);

  beforeAll(async () => {
    db = await createTestDatabase();
    redisPrefix = uniqueRedisPrefix();
    const env = {
      ESCALATION_ACK_SLA: ACK_SLA,
      ESCALATION_RECONCILE_INTERVAL: `${String(RECONCILE_MS)}ms`,
      WORKER_METRICS_PORT: '0',
    };
    [api] = await Promise.all([
      startApi({ databaseUrl: db.url, redisPrefix, env }),
      startWorker({ databaseUrl: db.url, redisPrefix, env }),
    ]);
    raiser = await person('birmingham-officer', ['authority-officer'], { authority: BIRMINGHAM });
    ppeLead = await person('ppe-lead', ['cell-lead'], { cells: ['ppe'] });
    ppeMember = await person('ppe-member', ['cell-member'], { cells: ['ppe'] });
    regional = await person('regional', ['regional-coordinator']);
    regionSocket = await connectLive(api.url, await mintToken({ roles: ['regional-coordinator'] }));
    expect(await regionSocket.subscribe({ topics: ['region'] })).toEqual({
      subscribed: ['region'],
      refused: [],
      replayed: 0,
    });
  });

  afterAll(async () => {
    regionSocket?.close();
    await stopAll();
    await db?.drop();
  });

  it('an acknowledged escalation whose promised update is missed re-alerts once, and the API shows neededBy and the promise', async () => {
    const neededBy = inFuture(6 * 3_600_000);
    const raised = await raise({ neededBy });
    expect(raised).toMatchObject({ neededBy, status: 'open' });
    expectStatus(await ppeLead.post(`/api/v1/escalations/${raised.id}/acknowledge`, { note: 'On it' }), 200);

    // The holder updates without a promise; the raiser promises the next update shortly.
    expectStatus(await ppeLead.post(`/api/v1/escalations/${raised.id}/updates`, { note: 'Reserve checked' }), 200);
    const promise = inFuture(2_000);
    const updated = expectStatus<EscalationBody>(
      await raiser.post(`/api/v1/escalations/${raised.id}/updates`, { note: 'Two homes out', nextUpdateDue: promise }),
      200,
    );
    expect(updated).toMatchObject({ status: 'acknowledged', nextUpdateDue: promise, version: 4 });
    expect(updated.history.at(-1)).toMatchObject({ step: 'updated', note: 'Two homes out', nextUpdateDue: promise });

    const alert = await regionSocket.waitForEvent(
      (event) => event.type === 'escalation.update-overdue' && eventsAbout([event], raised.id).length === 1,
      15_000,
    );
    expect(alert).toMatchObject({
      cell: 'ppe',
      authority: BIRMINGHAM,
      marking: 'OFFICIAL',
      data: { id: raised.id, escalationId: raised.id, nextUpdateDue: promise, actor: 'system', status: 'acknowledged' },
    });
    expect(Date.parse(alert.at)).toBeGreaterThanOrEqual(Date.parse(promise));
    const alerted = await read(raised.id);
    expect(alerted).toMatchObject({ updateOverdueFor: promise, nextUpdateDue: promise, version: 5 });

    // Late firings and reconciliation passes re-create no second re-alert for that promise.
    await sleep(QUIET_MS);
    expect(await read(raised.id)).toEqual(alerted);
    expect(types(eventsAbout(regionSocket.events, raised.id))).toEqual([
      'escalation.raised',
      'escalation.acknowledged',
      'escalation.updated',
      'escalation.updated',
      'escalation.update-overdue',
    ]);
    expect(historyOutline(alerted.history)).toEqual([
      `raised@cell by ${subs['birmingham-officer'] ?? ''}`,
      `acknowledged@cell by ${subs['ppe-lead'] ?? ''}`,
      `updated@cell by ${subs['ppe-lead'] ?? ''}`,
      `updated@cell by ${subs['birmingham-officer'] ?? ''}`,
      'update-overdue@cell by system',
    ]);
  });

  it('a re-alert timer lost from Redis is re-created from PostgreSQL and still re-alerts once', async () => {
    const raised = await raise();
    const promise = inFuture(4_000);
    expectStatus(
      await raiser.post(`/api/v1/escalations/${raised.id}/updates`, { note: 'Checking', nextUpdateDue: promise }),
      200,
    );
    // The relay schedules the timer; then every key of the re-alert queue goes (as after a wipe).
    const queue = `{${redisPrefix}:jobs}:escalation-updates`;
    const jobKey = `${queue}:escalation-update-${raised.id}-${String(Date.parse(promise))}`;
    const redis = await connectRedis();
    try {
      await waitFor(async () => ((await redis.exists(jobKey)) === 1 ? true : undefined), {
        timeoutMs: 5_000,
        intervalMs: 50,
        description: 'the re-alert timer to be scheduled',
      });
      expect(await deleteRedisKeys(queue)).toBeGreaterThan(0);
      expect(await redis.exists(jobKey)).toBe(0);
    } finally {
      redis.disconnect();
    }
    await regionSocket.waitForEvent(
      (event) => event.type === 'escalation.update-overdue' && eventsAbout([event], raised.id).length === 1,
      15_000,
    );
    await sleep(QUIET_MS);
    expect(types(eventsAbout(regionSocket.events, raised.id)).filter((t) => t === 'escalation.update-overdue')).toEqual(
      ['escalation.update-overdue'],
    );
    expect(historyOutline((await read(raised.id)).history).filter((s) => s.startsWith('update-overdue'))).toHaveLength(
      1,
    );
  });

  it('a promise replaced by a newer update without one does not re-alert', async () => {
    const raised = await raise();
    expectStatus(await ppeLead.post(`/api/v1/escalations/${raised.id}/acknowledge`), 200);
    expectStatus(
      await raiser.post(`/api/v1/escalations/${raised.id}/updates`, { note: 'Soon', nextUpdateDue: inFuture(1_500) }),
      200,
    );
    const settled = expectStatus<EscalationBody>(
      await ppeLead.post(`/api/v1/escalations/${raised.id}/updates`, { note: 'Masks on the way' }),
      200,
    );
    expect(settled).not.toHaveProperty('nextUpdateDue');
    await sleep(QUIET_MS);
    expect(await read(raised.id)).toEqual(settled);
    expect(types(eventsAbout(regionSocket.events, raised.id))).not.toContain('escalation.update-overdue');
  });

  it('refuses updates from others, promises in the past or too far ahead, and bad input at the field', async () => {
    const raised = await raise();
    const post = (client: HttpClient, body: unknown) => client.post(`/api/v1/escalations/${raised.id}/updates`, body);
    expect(statusOf(await post(ppeMember, { note: 'Me too' }))).toEqual({ status: 403, code: 'forbidden' });
    const past = await post(raiser, { note: 'n', nextUpdateDue: new Date(Date.now() - 60_000).toISOString() });
    expect(statusOf(past)).toEqual({ status: 422, code: 'rule-violated' });
    expect((past.body as ProblemBody).errors?.map((e) => e.path)).toEqual(['nextUpdateDue']);
    const far = await post(raiser, { note: 'n', nextUpdateDue: inFuture(15 * 24 * 3_600_000) });
    expect(statusOf(far)).toEqual({ status: 422, code: 'rule-violated' });
    const malformed = await post(raiser, { note: 'n', nextUpdateDue: 'tomorrow' });
    expect(statusOf(malformed).status).toBe(400);
    expect(new Set((malformed.body as ProblemBody).errors?.map((e) => e.path))).toEqual(new Set(['nextUpdateDue']));
    const pastNeed = await raiser.post(
      '/api/v1/escalations',
      escalationInput({ neededBy: new Date(Date.now() - 1_000).toISOString() }),
    );
    expect(statusOf(pastNeed)).toEqual({ status: 422, code: 'rule-violated' });
    expect(await read(raised.id)).toMatchObject({ version: 1 });
  });

  it('the raiser alone withdraws: nothing climbs, re-alerts or changes afterwards', async () => {
    const raised = await raise({ severity: 'critical' });
    expectStatus(
      await raiser.post(`/api/v1/escalations/${raised.id}/updates`, { note: 'Worse', nextUpdateDue: inFuture(1_500) }),
      200,
    );
    for (const other of [ppeLead, regional, ppeMember]) {
      const refused = await other.post(`/api/v1/escalations/${raised.id}/withdraw`, { reason: 'Not mine' });
      expect(statusOf(refused)).toEqual({ status: 403, code: 'forbidden' });
    }
    const withdrawn = expectStatus<EscalationBody>(
      await raiser.post(`/api/v1/escalations/${raised.id}/withdraw`, { reason: 'Mutual aid arrived from Solihull' }),
      200,
    );
    expect(withdrawn).toMatchObject({ status: 'withdrawn', ackDueAt: null, level: 'cell', version: 3 });
    expect(withdrawn).not.toHaveProperty('nextUpdateDue');
    expect(withdrawn.history.at(-1)).toMatchObject({ step: 'withdrawn', reason: 'Mutual aid arrived from Solihull' });
    await regionSocket.waitForEvent(
      (event) => event.type === 'escalation.withdrawn' && eventsAbout([event], raised.id).length === 1,
    );

    for (const [client, action, body] of [
      [raiser, 'withdraw', { reason: 'again' }],
      [raiser, 'updates', { note: 'late' }],
      [ppeLead, 'acknowledge', {}],
      [regional, 'resolve', { resolution: 'x' }],
    ] as const) {
      expect(statusOf(await client.post(`/api/v1/escalations/${raised.id}/${action}`, body))).toEqual({
        status: 409,
        code: 'conflict',
      });
    }
    // Past its cell deadline (critical) and its promised update: no climb, no re-alert.
    await sleep(Math.max(SLA_MS.critical, 1_500) + QUIET_MS);
    expect(await read(raised.id)).toEqual(withdrawn);
    expect(types(eventsAbout(regionSocket.events, raised.id))).toEqual([
      'escalation.raised',
      'escalation.updated',
      'escalation.withdrawn',
    ]);
    const listed = expectStatus<{ items: EscalationBody[] }>(
      await regional.get('/api/v1/escalations?status=withdrawn'),
      200,
    );
    expect(listed.items.map((e) => e.id)).toContain(raised.id);
    const board = expectStatus<{ escalations?: Array<{ id: string }> }>(await regional.get('/api/v1/board'), 200);
    expect(JSON.stringify(board)).not.toContain(raised.id);
  });
});
