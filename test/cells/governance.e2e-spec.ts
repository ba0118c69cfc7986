import { randomUUID } from 'node:crypto';
import type { Role } from '@muster/contracts';
import {
  connectLive,
  createTestDatabase,
  escalationInput,
  expectStatus,
  http,
  mintToken,
  regionDay,
  startApi,
  startWorker,
  statusOf,
  stopAll,
  uniqueRedisPrefix,
  waitFor,
  type ApiHandle,
  type DecisionRequestBody,
  type EscalationBody,
  type HttpClient,
  type LiveClient,
  type ProblemBody,
  type TestDatabase,
} from '@muster/testing';
import { BIRMINGHAM } from '@muster/builders';

/**
 * Governance that closes its own loops, against the real api and worker: a cell's criteria met by a
 * sitrep open the activation question; standing the cell up closes it with the decision to stand up (logged,
 * linked both ways); standing down with anything open is refused until a handover names who takes each item,
 * exactly once; the handover is kept and listed; a stood-down cell returns to standby.
 */

interface Governance {
  cell: { slug: string; status: string };
  handover?: {
    openEscalations: string[];
    openRequests: string[];
    items: Array<{ kind: string; id: string; title: string; to: Record<string, string> }>;
    note?: string;
  };
  answered?: Array<{ requestId: string; decisionId: string }>;
}

describe('cell governance: stand-up, handovers, standby', () => {
  let db: TestDatabase;
  let api: ApiHandle;
  let regional: HttpClient;
  let officer: HttpClient;
  let lead: HttpClient;
  let outsider: HttpClient;
  let socket: LiveClient;
  const slug = `g-${randomUUID().slice(0, 8)}`;

  const person = async (roles: Role[], extra: { cells?: string[]; authority?: string } = {}): Promise<HttpClient> =>
    http(api.url, await mintToken({ sub: `${roles[0] ?? 'x'}-${randomUUID().slice(0, 6)}`, roles, ...extra }));
  const requests = async (status?: string): Promise<DecisionRequestBody[]> =>
    expectStatus<{ items: DecisionRequestBody[] }>(
      await regional.get(`/api/v1/cells/${slug}/decision-requests${status === undefined ? '' : `?status=${status}`}`),
      200,
    ).items;
  const standDown = (body: Record<string, unknown>) => regional.post(`/api/v1/cells/${slug}/stand-down`, body);

  beforeAll(async () => {
    db = await createTestDatabase();
    const options = { databaseUrl: db.url, redisPrefix: uniqueRedisPrefix(), env: { WORKER_METRICS_PORT: '0' } };
    [api] = await Promise.all([startApi(options), startWorker(options)]);
    regional = await person(['regional-coordinator']);
    officer = await person(['authority-officer'], { authority: BIRMINGHAM });
    lead = await person(['cell-lead'], { cells: [slug] });
    outsider = await person(['cell-lead'], { cells: ['food'] });
    expectStatus(
      await regional.post('/api/v1/cells', {
        slug,
        name: 'Governance test',
        decisionTimescaleMinutes: 60,
        figures: [{ key: 'beds_free', label: 'Beds free', unit: 'beds', carriesForward: false }],
        thresholds: [{ figure: 'beds_free', direction: 'lower-is-worse', red: 5, amber: 20 }],
        activationCriteria: [{ description: 'Fewer than 5 beds free', figure: 'beds_free', below: 5 }],
      }),
      201,
    );
    socket = await connectLive(api.url, await mintToken({ roles: ['regional-coordinator'] }));
    await socket.subscribe({ topics: ['region'] });
  });

  afterAll(async () => {
    socket.close();
    await stopAll();
    await db.drop();
  });

  let question: DecisionRequestBody;
  let escalation: EscalationBody;
  let request: DecisionRequestBody;

  it('standing the cell up closes the activation question that proposed it, with the decision that answered it', async () => {
    const today = regionDay(new Date());
    expectStatus(
      await officer.put(`/api/v1/cells/${slug}/sitreps/${BIRMINGHAM}/${today}`, { figures: { beds_free: 2 } }),
      200,
    );
    const open = await requests('open');
    expect(open).toHaveLength(1);
    question = open[0] as DecisionRequestBody;
    expect(question).toMatchObject({ options: ['Stand up crisis governance', 'Keep on standby'], status: 'open' });

    const up = expectStatus<Governance>(
      await regional.post(`/api/v1/cells/${slug}/activation`, { reason: 'Birmingham down to 2 beds' }),
      200,
    );
    expect(up.cell.status).toBe('active');
    expect(up.answered).toEqual([{ requestId: question.id, decisionId: expect.any(String) }]);
    const decisionId = up.answered?.[0]?.decisionId ?? '';
    const closed = expectStatus<DecisionRequestBody>(
      await regional.get(`/api/v1/cells/${slug}/decision-requests/${question.id}`),
      200,
    );
    expect(closed).toMatchObject({ status: 'decided', decisionId });
    const decision = expectStatus<Record<string, unknown>>(
      await regional.get(`/api/v1/cells/${slug}/decisions/${decisionId}`),
      200,
    );
    expect(decision).toMatchObject({
      title: 'Stand up Governance test crisis governance',
      rationale: 'Birmingham down to 2 beds',
      decisionRequestId: question.id,
    });
    expect(await requests('open')).toEqual([]);
    await socket.waitForEvent(
      (event) => event.type === 'decision-request.decided' && (event.data as { id?: string }).id === question.id,
    );
  });

  it('standing down with anything open is refused until the handover names who takes each item, exactly once', async () => {
    escalation = expectStatus<EscalationBody>(
      await officer.post('/api/v1/escalations', escalationInput({ cell: slug, severity: 'low' })),
      201,
    );
    request = expectStatus<DecisionRequestBody>(
      await regional.post(`/api/v1/cells/${slug}/decision-requests`, {
        question: 'Open the overflow shelter?',
        dueInMinutes: 600,
        marking: 'OFFICIAL',
      }),
      201,
    );
    const paths = (response: { body: unknown }) => (response.body as ProblemBody).errors ?? [];

    const none = await standDown({ reason: 'Beds recovered' });
    expect(statusOf(none)).toEqual({ status: 422, code: 'rule-violated' });
    expect(paths(none).map((e) => e.path)).toEqual(['handover', 'handover']);
    expect(
      paths(none)
        .map((e) => e.message)
        .join(' '),
    ).toContain(`escalation ${escalation.id}`);
    expect(
      paths(none)
        .map((e) => e.message)
        .join(' '),
    ).toContain(`decision-request ${request.id}`);

    const toAsha = { sub: 'asha-patel', name: 'Asha Patel' };
    const partial = await standDown({
      reason: 'Beds recovered',
      handover: [{ kind: 'escalation', id: escalation.id, to: toAsha }],
    });
    expect(statusOf(partial)).toEqual({ status: 422, code: 'rule-violated' });
    expect(paths(partial)).toEqual([{ path: 'handover', message: expect.stringContaining(request.id) }]);

    const twice = await standDown({
      reason: 'Beds recovered',
      handover: [
        { kind: 'escalation', id: escalation.id, to: toAsha },
        { kind: 'decision-request', id: request.id, to: { role: 'regional-coordinator' } },
        { kind: 'escalation', id: escalation.id, to: { role: 'regional-coordinator' } },
      ],
    });
    expect(statusOf(twice)).toEqual({ status: 422, code: 'rule-violated' });
    expect(paths(twice).map((e) => e.path)).toEqual(['handover.2']);
    const badRole = await standDown({
      reason: 'x',
      handover: [{ kind: 'escalation', id: escalation.id, to: { role: 'mayor' } }],
    });
    expect(statusOf(badRole).status).toBe(400);
    expect(expectStatus<{ status: string }>(await regional.get(`/api/v1/cells/${slug}`), 200).status).toBe('active');

    const down = expectStatus<Governance>(
      await standDown({
        reason: 'Beds recovered for 14 days',
        handoverNote: 'Shelter question to the SCG',
        handover: [
          { kind: 'decision-request', id: request.id, to: { role: 'regional-coordinator' } },
          { kind: 'escalation', id: escalation.id, to: toAsha },
        ],
      }),
      200,
    );
    expect(down.cell.status).toBe('stood-down');
    const handover = {
      openEscalations: [escalation.id],
      openRequests: [request.id],
      items: [
        {
          kind: 'decision-request',
          id: request.id,
          title: 'Open the overflow shelter?',
          to: { role: 'regional-coordinator' },
        },
        { kind: 'escalation', id: escalation.id, title: escalation.title, to: toAsha },
      ],
      note: 'Shelter question to the SCG',
    };
    expect(down.handover).toEqual(handover);

    const list = (client: HttpClient) => client.get(`/api/v1/cells/${slug}/handovers`);
    for (const reader of [regional, lead]) {
      const listed = expectStatus<{ items: Array<Record<string, unknown>> }>(await list(reader), 200);
      expect(listed.items).toEqual([
        { slug, reason: 'Beds recovered for 14 days', by: expect.any(String), at: expect.any(String), handover },
      ]);
    }
    expect(statusOf(await list(outsider)).status).toBe(403);
    expect(statusOf(await regional.get('/api/v1/cells/nowhere/handovers')).status).toBe(404);
  });

  it('a stood-down cell returns to standby (regional coordinators only), and can be stood up again', async () => {
    expect(statusOf(await lead.post(`/api/v1/cells/${slug}/standby`, { reason: 'Ready' }))).toEqual({
      status: 403,
      code: 'forbidden',
    });
    const back = expectStatus<Governance>(
      await regional.post(`/api/v1/cells/${slug}/standby`, { reason: 'Ready for a second wave' }),
      200,
    );
    expect(back.cell.status).toBe('standby');
    expect(statusOf(await regional.post(`/api/v1/cells/${slug}/standby`, { reason: 'Again' }))).toEqual({
      status: 409,
      code: 'conflict',
    });
    await socket.waitForEvent(
      (event) => event.type === 'cell.returned-to-standby' && (event.data as { slug?: string }).slug === slug,
    );
    await waitFor(
      async () => {
        const board = expectStatus<{ cells: Array<{ slug: string; status: string }> }>(
          await regional.get(`/api/v1/board?cell=${slug}`),
          200,
        );
        return board.cells.find((c) => c.slug === slug)?.status === 'standby' ? true : undefined;
      },
      { timeoutMs: 10_000, intervalMs: 100, description: 'the board to show the cell on standby' },
    );
    expect(
      expectStatus<Governance>(await regional.post(`/api/v1/cells/${slug}/activation`, { reason: 'Second wave' }), 200)
        .cell.status,
    ).toBe('active');
  });
});
