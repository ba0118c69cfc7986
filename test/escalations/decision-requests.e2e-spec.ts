import type { Role } from '@muster/contracts';
import {
  ACK_SLA,
  connectLive,
  createTestDatabase,
  escalationInput,
  eventsAbout,
  expectStatus,
  historyOutline,
  http,
  isStrictlyIncreasing,
  mintToken,
  SLA_MS,
  sleep,
  startApi,
  startWorker,
  statusOf,
  stopAll,
  uniqueRedisPrefix,
  waitFor,
  waitForEscalation,
  type ApiHandle,
  type DecisionRequestBody,
  type EscalationBody,
  type HttpClient,
  type LiveClient,
  type LiveEvent,
  type TestDatabase,
} from '@muster/testing';
import { BIRMINGHAM, COVENTRY, decisionBody } from '@muster/builders';

/**
 * Decision requests against the real api and worker: a request that passes its deadline undecided becomes
 * overdue and raises exactly one regional escalation pointing at it, which then climbs like any other; a
 * request answered in time is linked both ways with its log entry and never escalates; a request is
 * decided once; who may open and answer; the live events on the cell's topic. And idempotent POSTs on
 * escalations: a repeated Idempotency-Key returns the first response and writes nothing.
 */

const DUE_MS = 3_000;
const CELL = 'ppe';
const REQUESTS = `/api/v1/cells/${CELL}/decision-requests`;

interface LogEntry {
  id: string;
  sequence: number;
  hash: string;
  decisionRequestId?: string;
}

interface Decided extends DecisionRequestBody {
  decision: LogEntry;
}

describe('decision requests and their deadlines', () => {
  let db: TestDatabase;
  let api: ApiHandle;
  const subs: Record<string, string> = {};
  let regional: HttpClient;
  let ppeLead: HttpClient;
  let ppeMember: HttpClient;
  let foodLead: HttpClient;
  let foodMember: HttpClient;
  let birminghamOfficer: HttpClient;
  let mayor: HttpClient;
  /** The ppe lead's socket on `cell:ppe`, and a food member's on `cell:food` (which must hear none of it). */
  let ppeSocket: LiveClient;
  let foodSocket: LiveClient;
  const sockets: LiveClient[] = [];

  const person = async (
    key: string,
    roles: Role[],
    extra: { cells?: string[]; authority?: string } = {},
  ): Promise<HttpClient> => {
    subs[key] = `${key}-${Math.random().toString(36).slice(2, 8)}`;
    return http(api.url, await mintToken({ sub: subs[key], name: key, roles, ...extra }));
  };
  const listen = async (roles: Role[], cells: string[], topics: string[]): Promise<LiveClient> => {
    const client = await connectLive(api.url, await mintToken({ roles, cells }));
    sockets.push(client);
    expect(await client.subscribe({ topics })).toEqual({ subscribed: topics, refused: [], replayed: 0 });
    return client;
  };
  const open = async (client: HttpClient, body: Record<string, unknown>): Promise<DecisionRequestBody> =>
    expectStatus<DecisionRequestBody>(await client.post(REQUESTS, { marking: 'OFFICIAL', ...body }), 201);
  const readRequest = async (id: string): Promise<DecisionRequestBody> =>
    expectStatus<DecisionRequestBody>(await regional.get(`${REQUESTS}/${id}`), 200);
  const listRequests = async (status?: string): Promise<string[]> =>
    expectStatus<{ items: DecisionRequestBody[] }>(
      await regional.get(`${REQUESTS}?limit=500${status ? `&status=${status}` : ''}`),
      200,
    ).items.map((r) => r.id);
  const escalationsFor = async (requestId: string): Promise<EscalationBody[]> =>
    expectStatus<{ items: EscalationBody[] }>(
      await regional.get(`/api/v1/escalations?cell=${CELL}&limit=500`),
      200,
    ).items.filter((e) => e.decisionRequestId === requestId);
  const logSize = async (): Promise<number> =>
    expectStatus<{ items: LogEntry[] }>(await regional.get(`/api/v1/cells/${CELL}/decisions?limit=500`), 200).items
      .length;
  const inSeconds = (ms: number) => new Date(Date.now() + ms).toISOString();
  const types = (events: readonly LiveEvent[]) => events.map((event) => event.type);

  beforeAll(async () => {
    db = await createTestDatabase();
    const redisPrefix = uniqueRedisPrefix();
    const env = { ESCALATION_ACK_SLA: ACK_SLA, ESCALATION_RECONCILE_INTERVAL: '2s', WORKER_METRICS_PORT: '0' };
    [api] = await Promise.all([
      startApi({ databaseUrl: db.url, redisPrefix, env }),
      startWorker({ databaseUrl: db.url, redisPrefix, env }),
    ]);
    regional = await person('regional', ['regional-coordinator']);
    ppeLead = await person('ppe-lead', ['cell-lead'], { cells: [CELL] });
    ppeMember = await person('ppe-member', ['cell-member'], { cells: [CELL] });
    foodLead = await person('food-lead', ['cell-lead'], { cells: ['food'] });
    foodMember = await person('food-member', ['cell-member'], { cells: ['food'] });
    birminghamOfficer = await person('birmingham-officer', ['authority-officer'], { authority: BIRMINGHAM });
    mayor = await person('mayor', ['mayors-office']);
    ppeSocket = await listen(['cell-lead'], [CELL], [`cell:${CELL}`]);
    foodSocket = await listen(['cell-member'], ['food'], ['cell:food']);
  });

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await stopAll();
    await db?.drop();
  });

  it('a request past its deadline goes overdue and raises exactly one regional escalation, which climbs like any other', async () => {
    const dueAt = inSeconds(DUE_MS);
    const request = await open(ppeMember, {
      question: 'Release the regional mask reserve to Birmingham care homes?',
      context: 'Two days of stock left',
      options: ['Release now', 'Wait for the national delivery'],
      dueAt,
      authority: BIRMINGHAM,
    });
    expect(request).toMatchObject({
      cell: CELL,
      status: 'open',
      dueAt: new Date(dueAt).toISOString(),
      authority: BIRMINGHAM,
      requestedBy: { sub: subs['ppe-member'] },
    });
    expect(await listRequests('open')).toContain(request.id);

    const overdue = await waitFor(
      async () => {
        const current = await readRequest(request.id);
        return current.status === 'overdue' ? current : undefined;
      },
      { timeoutMs: 3 * DUE_MS + 3_000, intervalMs: 100, description: 'the request to be overdue' },
    );
    expect(overdue.escalationId).toEqual(expect.any(String));
    expect(overdue.decisionId).toBeUndefined();
    expect(Date.parse(overdue.overdueAt ?? '')).toBeGreaterThanOrEqual(Date.parse(request.dueAt));
    expect(await listRequests('overdue')).toContain(request.id);
    expect(await listRequests('open')).not.toContain(request.id);

    const raised = await escalationsFor(request.id);
    expect(raised).toHaveLength(1);
    const escalation = raised[0] as EscalationBody;
    expect(escalation).toMatchObject({
      id: overdue.escalationId,
      decisionRequestId: request.id,
      cell: CELL,
      authority: BIRMINGHAM,
      level: 'regional',
      status: 'open',
      raisedBy: 'system',
      severity: 'high',
      overdue: false,
    });
    expect(historyOutline(escalation.history)).toEqual(['raised@regional by system']);
    // The level filter finds it at regional.
    const atRegional = expectStatus<{ items: EscalationBody[] }>(
      await regional.get(`/api/v1/escalations?cell=${CELL}&level=regional`),
      200,
    );
    expect(atRegional.items.map((e) => e.id)).toContain(escalation.id);

    const national = await waitForEscalation(
      regional,
      escalation.id,
      (e) => e.level === 'national',
      'to climb to national',
      3 * SLA_MS.high + 3_000,
    );
    expect(historyOutline(national.history)).toEqual([
      'raised@regional by system',
      'escalated regional→national by system',
    ]);
    expect(Date.parse(national.history[1]?.at ?? '')).toBeGreaterThanOrEqual(Date.parse(escalation.ackDueAt ?? ''));
    // Still one escalation for the request, and the request stays overdue.
    expect((await escalationsFor(request.id)).map((e) => e.id)).toEqual([escalation.id]);
    expect(await readRequest(request.id)).toEqual(overdue);

    // The cell's topic heard it all, in order; the food cell heard none of it.
    await ppeSocket.waitForEvent(
      (event) => event.type === 'escalation.escalated' && eventsAbout([event], escalation.id).length === 1,
    );
    const aboutRequest = eventsAbout(ppeSocket.events, request.id);
    expect(types(aboutRequest)).toEqual(['decision-request.opened', 'decision-request.overdue']);
    expect(aboutRequest[1]?.data).toMatchObject({ status: 'overdue', escalationId: escalation.id });
    const aboutEscalation = eventsAbout(ppeSocket.events, escalation.id);
    expect(types(aboutEscalation)).toEqual(['escalation.raised', 'escalation.escalated']);
    expect(aboutEscalation[0]?.data).toMatchObject({
      level: 'regional',
      actor: 'system',
      decisionRequestId: request.id,
    });
    const seqs = [...aboutRequest, ...aboutEscalation].map((event) => event.seq);
    expect(
      isStrictlyIncreasing([aboutRequest[0]?.seq ?? 0, aboutRequest[1]?.seq ?? 0, aboutEscalation[1]?.seq ?? 0]),
    ).toBe(true);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(eventsAbout(foodSocket.events, request.id)).toEqual([]);
    expect(eventsAbout(foodSocket.events, escalation.id)).toEqual([]);
  });

  it('a late answer decides an overdue request and settles the escalation its deadline raised', async () => {
    const request = await open(ppeMember, { question: 'Reopen the Sandwell hub overnight?', dueAt: inSeconds(DUE_MS) });
    const overdue = await waitFor(
      async () => {
        const current = await readRequest(request.id);
        return current.status === 'overdue' ? current : undefined;
      },
      { timeoutMs: 3 * DUE_MS + 3_000, intervalMs: 100, description: 'the request to be overdue' },
    );

    const decided = expectStatus<Decided>(
      await ppeLead.post(`${REQUESTS}/${request.id}/decision`, decisionBody('Reopen overnight')),
      201,
    );
    expect(decided).toMatchObject({
      status: 'decided',
      decisionId: decided.decision.id,
      escalationId: overdue.escalationId,
    });
    const settled = await waitForEscalation(
      regional,
      overdue.escalationId ?? '',
      (e) => e.status === 'resolved',
      'to be settled',
      5_000,
    );
    expect(historyOutline(settled.history).at(-1)).toMatch(/^resolved@(regional|national) by system$/);

    // Settled means settled: it never climbs again.
    await sleep(2 * SLA_MS.high);
    expect(expectStatus<EscalationBody>(await regional.get(`/api/v1/escalations/${settled.id}`), 200)).toEqual(settled);
  });

  it('a request answered in time is decided, linked both ways, decided only once, and never escalates', async () => {
    const request = await open(birminghamOfficer, {
      question: 'Open a second PPE distribution point?',
      dueAt: inSeconds(DUE_MS),
    });
    // An officer asks on behalf of their own authority.
    expect(request).toMatchObject({ status: 'open', authority: BIRMINGHAM });
    const before = await logSize();

    const decided = expectStatus<Decided>(
      await ppeLead.post(`${REQUESTS}/${request.id}/decision`, decisionBody('Open a second distribution point')),
      201,
    );
    expect(decided).toMatchObject({ id: request.id, status: 'decided', decisionId: decided.decision.id });
    expect(decided.decision).toMatchObject({
      id: expect.any(String),
      sequence: expect.any(Number),
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const entry = expectStatus<LogEntry>(
      await ppeLead.get(`/api/v1/cells/${CELL}/decisions/${decided.decisionId ?? ''}`),
      200,
    );
    expect(entry).toMatchObject({
      id: decided.decisionId,
      sequence: decided.decision.sequence,
      decisionRequestId: request.id,
    });
    expect(await logSize()).toBe(before + 1);
    const stored = await readRequest(request.id);
    expect(stored).toMatchObject({ status: 'decided', decisionId: decided.decisionId });
    expect(await listRequests('decided')).toContain(request.id);

    // Deciding again is a conflict and logs nothing (the entry logged with the refusal is rolled back).
    for (const client of [ppeLead, regional]) {
      const again = await client.post(`${REQUESTS}/${request.id}/decision`, decisionBody('Decide it again'));
      expect(statusOf(again)).toEqual({ status: 409, code: 'conflict' });
      expect(again.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
    expect(await logSize()).toBe(before + 1);
    expect(
      expectStatus<{ valid: boolean }>(await regional.get(`/api/v1/cells/${CELL}/decisions/verify`), 200).valid,
    ).toBe(true);

    // Well past the deadline: still decided, no escalation.
    await sleep(Date.parse(request.dueAt) - Date.now() + 2 * SLA_MS.critical);
    expect(await readRequest(request.id)).toEqual(stored);
    expect(stored.escalationId).toBeUndefined();
    expect(await escalationsFor(request.id)).toEqual([]);

    const aboutRequest = eventsAbout(ppeSocket.events, request.id);
    expect(types(aboutRequest)).toEqual(['decision-request.opened', 'decision-request.decided']);
    expect(aboutRequest[1]?.data).toMatchObject({ status: 'decided', decisionId: decided.decisionId });
    expect(types(eventsAbout(ppeSocket.events, decided.decisionId ?? ''))).toEqual(['decision.logged']);
    expect(eventsAbout(foodSocket.events, request.id)).toEqual([]);
  });

  it('who may open and who may answer a request', async () => {
    const existing = await listRequests();
    // Asking: people of the cell, officers for their own authority, regional. Not the mayor's office,
    // not another cell's people, not an officer for another authority.
    const refusals = await Promise.all([
      mayor.post(REQUESTS, { question: 'q', dueInMinutes: 60, marking: 'OFFICIAL' }),
      foodMember.post(REQUESTS, { question: 'q', dueInMinutes: 60, marking: 'OFFICIAL' }),
      foodLead.post(REQUESTS, { question: 'q', dueInMinutes: 60, marking: 'OFFICIAL' }),
      birminghamOfficer.post(REQUESTS, { question: 'q', dueInMinutes: 60, marking: 'OFFICIAL', authority: COVENTRY }),
    ]);
    expect(refusals.map(statusOf)).toEqual(refusals.map(() => ({ status: 403, code: 'forbidden' })));
    expect(await listRequests()).toEqual(existing);

    const byLead = await open(ppeLead, { question: 'Who may answer?', dueInMinutes: 60 });
    const byRegional = await open(regional, { question: 'Asked by regional', dueInMinutes: 60, authority: COVENTRY });
    expect(byRegional.authority).toBe(COVENTRY);

    // Answering: the cell's lead or regional only.
    const before = await logSize();
    const answer = (client: HttpClient) =>
      client.post(`${REQUESTS}/${byLead.id}/decision`, decisionBody('Not yours to decide'));
    for (const client of [ppeMember, birminghamOfficer, mayor]) {
      expect(statusOf(await answer(client))).toEqual({ status: 403, code: 'forbidden' });
    }
    // Another cell's lead is refused at the cell before anything about its requests is revealed.
    expect(statusOf(await answer(foodLead))).toEqual({ status: 403, code: 'forbidden' });
    expect(await logSize()).toBe(before);
    expect(await readRequest(byLead.id)).toEqual(byLead);

    expect(statusOf(await answer(regional))).toEqual({ status: 201 });
    expect(await logSize()).toBe(before + 1);
    expect((await readRequest(byLead.id)).status).toBe('decided');
  });

  describe('Idempotency-Key', () => {
    it('the same key on POST /escalations twice returns the same body and creates one escalation', async () => {
      const key = `raise-${Date.now()}`;
      const body = escalationInput({ severity: 'low', title: `Idempotent raise ${key}` });
      const first = await ppeMember.post('/api/v1/escalations', body, { 'idempotency-key': key });
      const second = await ppeMember.post('/api/v1/escalations', body, { 'idempotency-key': key });
      expect([first.status, second.status]).toEqual([201, 201]);
      expect(second.body).toEqual(first.body);
      expect(second.headers.get('idempotent-replayed')).toBe('true');
      const all = expectStatus<{ items: EscalationBody[] }>(
        await regional.get(`/api/v1/escalations?cell=${CELL}&limit=500`),
        200,
      );
      expect(all.items.filter((e) => e.title === body['title']).map((e) => e.id)).toEqual([
        (first.body as EscalationBody).id,
      ]);

      // The same key with another body is refused, and creates nothing.
      const reused = await ppeMember.post(
        '/api/v1/escalations',
        { ...body, title: 'Something else' },
        { 'idempotency-key': key },
      );
      expect(statusOf(reused)).toEqual({ status: 422, code: 'idempotency-key-reused' });
      const after = expectStatus<{ items: EscalationBody[] }>(
        await regional.get(`/api/v1/escalations?cell=${CELL}&limit=500`),
        200,
      );
      expect(after.items).toHaveLength(all.items.length);
    });

    it('the same key on acknowledge twice returns the same 200 (replayed), not a 409; without the key it is a 409', async () => {
      const raised = expectStatus<EscalationBody>(
        await regional.post('/api/v1/escalations', escalationInput({ severity: 'low', title: 'Idempotent ack' })),
        201,
      );
      const key = `ack-${raised.id}`;
      const path = `/api/v1/escalations/${raised.id}/acknowledge`;
      const first = await ppeLead.post(path, { note: 'Got it' }, { 'idempotency-key': key });
      const second = await ppeLead.post(path, { note: 'Got it' }, { 'idempotency-key': key });
      expect([first.status, second.status]).toEqual([200, 200]);
      expect(second.body).toEqual(first.body);
      expect(first.headers.get('idempotent-replayed')).toBeNull();
      expect(second.headers.get('idempotent-replayed')).toBe('true');
      expect(statusOf(await ppeLead.post(path, { note: 'Got it' }))).toEqual({ status: 409, code: 'conflict' });
      const stored = expectStatus<EscalationBody>(await regional.get(`/api/v1/escalations/${raised.id}`), 200);
      expect(historyOutline(stored.history)).toEqual([
        `raised@cell by ${String(subs['regional'])}`,
        `acknowledged@cell by ${String(subs['ppe-lead'])}`,
      ]);
      expect(stored).toEqual(first.body);
    });

    it('the same key on opening a request twice opens one', async () => {
      const existing = await listRequests();
      const body = { question: 'Idempotent request', dueInMinutes: 60, marking: 'OFFICIAL' };
      const first = await ppeMember.post(REQUESTS, body, { 'idempotency-key': 'open-once' });
      const second = await ppeMember.post(REQUESTS, body, { 'idempotency-key': 'open-once' });
      expect([first.status, second.status]).toEqual([201, 201]);
      expect(second.body).toEqual(first.body);
      expect((await listRequests()).length).toBe(existing.length + 1);
    });
  });
});
