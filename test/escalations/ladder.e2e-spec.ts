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
  waitForEscalation,
  type ApiHandle,
  type EscalationBody,
  type HttpClient,
  type HttpResponse,
  type LiveClient,
  type LiveEvent,
  type ProblemBody,
  type TestDatabase,
} from '@muster/testing';
import { BIRMINGHAM, COVENTRY } from '@muster/builders';

/**
 * The escalation ladder against the real api and worker: an unacknowledged escalation climbs cell →
 * regional → national by itself, once per level, then stays overdue; acknowledging, escalating by hand or
 * resolving stops the timers; only the holder of a level may acknowledge; two holders acknowledging at the
 * same moment get one 200 and one 409; bad input is refused with problem+json naming the field.
 *
 * "Nothing more happens" is checked by waiting well past the next deadline(s) and comparing the whole
 * escalation (version, history, level, status) and the live events about it with what they were.
 */

/** A step is awaited for up to ~3× its deadline (two slow cores), plus a fixed margin. */
const stepTimeout = (slaMs: number) => 3 * slaMs + 3_000;

interface People {
  regional: HttpClient;
  regional2: HttpClient;
  ppeLead: HttpClient;
  ppeLead2: HttpClient;
  ppeMember: HttpClient;
  foodLead: HttpClient;
  birminghamOfficer: HttpClient;
  coventryOfficer: HttpClient;
  mayor: HttpClient;
}

describe('the escalation ladder', () => {
  let db: TestDatabase;
  let api: ApiHandle;
  let as: People;
  const subs: Record<string, string> = {};
  /** Sockets open for the whole file: each test filters the events by escalation id. */
  let regionSocket: LiveClient;
  let birminghamSocket: LiveClient;
  let coventrySocket: LiveClient;
  const sockets: LiveClient[] = [];

  const person = async (
    key: string,
    roles: Role[],
    extra: { cells?: string[]; authority?: string } = {},
  ): Promise<HttpClient> => {
    subs[key] = `${key}-${Math.random().toString(36).slice(2, 8)}`;
    return http(api.url, await mintToken({ sub: subs[key], name: key, roles, ...extra }));
  };
  const listen = async (
    roles: Role[],
    extra: { authority?: string; cells?: string[] },
    topics: string[],
  ): Promise<LiveClient> => {
    const client = await connectLive(api.url, await mintToken({ roles, ...extra }));
    sockets.push(client);
    expect(await client.subscribe({ topics })).toEqual({ subscribed: topics, refused: [], replayed: 0 });
    return client;
  };
  const raise = async (client: HttpClient, overrides: Record<string, unknown> = {}): Promise<EscalationBody> =>
    expectStatus<EscalationBody>(await client.post('/api/v1/escalations', escalationInput(overrides)), 201);
  const read = async (id: string): Promise<EscalationBody> =>
    expectStatus<EscalationBody>(await as.regional.get(`/api/v1/escalations/${id}`), 200);
  const act = (
    client: HttpClient,
    id: string,
    action: 'acknowledge' | 'escalate' | 'resolve',
    body?: unknown,
  ): Promise<HttpResponse> => client.post(`/api/v1/escalations/${id}/${action}`, body);
  const types = (events: readonly LiveEvent[]) => events.map((event) => event.type);
  const count = async (): Promise<number> =>
    expectStatus<{ items: EscalationBody[] }>(await as.regional.get('/api/v1/escalations?limit=500'), 200).items.length;

  beforeAll(async () => {
    db = await createTestDatabase();
    const redisPrefix = uniqueRedisPrefix();
    const env = { ESCALATION_ACK_SLA: ACK_SLA, ESCALATION_RECONCILE_INTERVAL: '2s', WORKER_METRICS_PORT: '0' };
    [api] = await Promise.all([
      startApi({ databaseUrl: db.url, redisPrefix, env }),
      startWorker({ databaseUrl: db.url, redisPrefix, env }),
    ]);
    as = {
      regional: await person('regional', ['regional-coordinator']),
      regional2: await person('regional2', ['regional-coordinator']),
      ppeLead: await person('ppe-lead', ['cell-lead'], { cells: ['ppe'] }),
      ppeLead2: await person('ppe-lead-2', ['cell-lead'], { cells: ['ppe'] }),
      ppeMember: await person('ppe-member', ['cell-member'], { cells: ['ppe'] }),
      foodLead: await person('food-lead', ['cell-lead'], { cells: ['food'] }),
      birminghamOfficer: await person('birmingham-officer', ['authority-officer'], { authority: BIRMINGHAM }),
      coventryOfficer: await person('coventry-officer', ['authority-officer'], { authority: COVENTRY }),
      mayor: await person('mayor', ['mayors-office']),
    };
    regionSocket = await listen(['regional-coordinator'], {}, ['region']);
    birminghamSocket = await listen(['authority-officer'], { authority: BIRMINGHAM }, [`authority:${BIRMINGHAM}`]);
    coventrySocket = await listen(['authority-officer'], { authority: COVENTRY }, [`authority:${COVENTRY}`]);
  });

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await stopAll();
    await db?.drop();
  });

  it('an unacknowledged critical escalation climbs to regional, then national, then is overdue, once each, and the right sockets hear it', async () => {
    const raised = await raise(as.birminghamOfficer);
    expect(raised).toMatchObject({
      authority: BIRMINGHAM,
      cell: 'ppe',
      severity: 'critical',
      level: 'cell',
      status: 'open',
      overdue: false,
      version: 1,
      raisedBy: { sub: subs['birmingham-officer'] },
    });
    expect(historyOutline(raised.history)).toEqual([`raised@cell by ${String(subs['birmingham-officer'])}`]);
    expect(Date.parse(raised.ackDueAt ?? '') - Date.parse(raised.raisedAt)).toBe(SLA_MS.critical);

    const overdue = await waitForEscalation(
      as.regional,
      raised.id,
      (e) => e.overdue,
      'to be overdue at national',
      3 * stepTimeout(SLA_MS.critical),
    );
    expect(historyOutline(overdue.history)).toEqual([
      `raised@cell by ${String(subs['birmingham-officer'])}`,
      'escalated cell→regional by system',
      'escalated regional→national by system',
      'overdue@national by system',
    ]);
    expect(overdue).toMatchObject({ level: 'national', status: 'open', overdue: true, ackDueAt: null, version: 4 });
    // No step came before its deadline; each climb sets the next level's deadline one SLA on.
    const [, toRegional, toNational, late] = overdue.history;
    expect(Date.parse(toRegional?.at ?? '')).toBeGreaterThanOrEqual(Date.parse(raised.ackDueAt ?? ''));
    expect(Date.parse(toRegional?.ackDueAt ?? '') - Date.parse(toRegional?.at ?? '')).toBe(SLA_MS.critical);
    expect(Date.parse(toNational?.at ?? '')).toBeGreaterThanOrEqual(Date.parse(toRegional?.ackDueAt ?? ''));
    expect(Date.parse(late?.at ?? '')).toBeGreaterThanOrEqual(Date.parse(toNational?.ackDueAt ?? ''));
    expect(toRegional).toMatchObject({ actor: 'system', reason: expect.stringContaining('not acknowledged') });

    const expected = ['escalation.raised', 'escalation.escalated', 'escalation.escalated', 'escalation.overdue'];
    for (const socket of [birminghamSocket, regionSocket]) {
      await socket.waitForEvent(
        (event) => event.type === 'escalation.overdue' && eventsAbout([event], raised.id).length === 1,
        10_000,
      );
    }

    // Well past where a fourth step would come (two more deadlines): nothing more happens.
    await sleep(2 * SLA_MS.critical + 1_000);
    expect(await read(raised.id)).toEqual(overdue);
    // National is the top: it cannot go further by hand either.
    const beyond = await act(as.regional, raised.id, 'escalate', { reason: 'Higher still' });
    expect(statusOf(beyond)).toEqual({ status: 422, code: 'rule-violated' });
    expect((beyond.body as ProblemBody).errors?.map((error) => error.path)).toEqual(['level']);
    expect(await read(raised.id)).toEqual(overdue);
    // A marker for Coventry's officer: once it is in, anything about Birmingham's escalation would be too.
    const marker = await raise(as.regional, {
      authority: COVENTRY,
      cell: 'food',
      severity: 'low',
      title: 'Marker for Coventry',
    });
    await coventrySocket.waitForEvent((event) => eventsAbout([event], marker.id).length === 1);
    await sleep(300);

    for (const socket of [birminghamSocket, regionSocket]) {
      const about = eventsAbout(socket.events, raised.id);
      expect(types(about)).toEqual(expected);
      expect(isStrictlyIncreasing(about.map((event) => event.seq))).toBe(true);
      expect(about.map((event) => [event.cell, event.authority, event.marking])).toEqual(
        expected.map(() => ['ppe', BIRMINGHAM, 'OFFICIAL']),
      );
      expect(about.map((event) => event.data)).toEqual([
        expect.objectContaining({ level: 'cell', status: 'open', actor: 'birmingham-officer' }),
        expect.objectContaining({ level: 'regional', from: 'cell', actor: 'system', overdue: false }),
        expect.objectContaining({ level: 'national', from: 'regional', actor: 'system', overdue: false }),
        expect.objectContaining({ level: 'national', actor: 'system', overdue: true, ackDueAt: null }),
      ]);
    }
    expect(eventsAbout(coventrySocket.events, raised.id)).toEqual([]);
    expect(coventrySocket.events.every((event) => event.authority === COVENTRY)).toBe(true);
  });

  it('an acknowledgement at cell (by the lead) or at regional (by a coordinator) stops the ladder for good', async () => {
    // Both run at once, so one quiet period covers them.
    const atCell = async (): Promise<EscalationBody> => {
      const raised = await raise(as.birminghamOfficer, { title: 'Acknowledged at cell' });
      const acknowledged = expectStatus<EscalationBody>(
        await act(as.ppeLead, raised.id, 'acknowledge', { note: 'On it' }),
        200,
      );
      expect(acknowledged).toMatchObject({
        level: 'cell',
        status: 'acknowledged',
        ackDueAt: null,
        overdue: false,
        version: 2,
      });
      expect(acknowledged.history[1]).toMatchObject({
        step: 'acknowledged',
        level: 'cell',
        note: 'On it',
        actor: { sub: subs['ppe-lead'], name: 'ppe-lead' },
      });
      return acknowledged;
    };
    const atRegional = async (): Promise<EscalationBody> => {
      // High (3 s) rather than critical: room to act at regional before it would climb again.
      const raised = await raise(as.birminghamOfficer, { title: 'Acknowledged at regional', severity: 'high' });
      await waitForEscalation(
        as.regional,
        raised.id,
        (e) => e.level === 'regional',
        'to reach regional',
        stepTimeout(SLA_MS.high),
      );
      // The cell's lead no longer holds it.
      expect(statusOf(await act(as.ppeLead, raised.id, 'acknowledge'))).toEqual({ status: 403, code: 'forbidden' });
      const acknowledged = expectStatus<EscalationBody>(await act(as.regional, raised.id, 'acknowledge'), 200);
      expect(acknowledged).toMatchObject({
        level: 'regional',
        status: 'acknowledged',
        ackDueAt: null,
        overdue: false,
        version: 3,
      });
      return acknowledged;
    };
    const [cell, regional] = await Promise.all([atCell(), atRegional()]);
    for (const id of [cell.id, regional.id]) {
      await regionSocket.waitForEvent(
        (event) => event.type === 'escalation.acknowledged' && eventsAbout([event], id).length === 1,
      );
    }
    const eventsBefore = [eventsAbout(regionSocket.events, cell.id), eventsAbout(regionSocket.events, regional.id)];

    // Three deadlines past the later acknowledgement: no timer does anything.
    await sleep(3 * SLA_MS.high);
    expect(await read(cell.id)).toEqual(cell);
    expect(await read(regional.id)).toEqual(regional);
    expect(historyOutline(cell.history)).toEqual([
      `raised@cell by ${String(subs['birmingham-officer'])}`,
      `acknowledged@cell by ${String(subs['ppe-lead'])}`,
    ]);
    expect(historyOutline(regional.history)).toEqual([
      `raised@cell by ${String(subs['birmingham-officer'])}`,
      'escalated cell→regional by system',
      `acknowledged@regional by ${String(subs['regional'])}`,
    ]);
    expect(types(eventsAbout(regionSocket.events, cell.id))).toEqual(['escalation.raised', 'escalation.acknowledged']);
    expect(types(eventsAbout(regionSocket.events, regional.id))).toEqual([
      'escalation.raised',
      'escalation.escalated',
      'escalation.acknowledged',
    ]);
    expect([eventsAbout(regionSocket.events, cell.id), eventsAbout(regionSocket.events, regional.id)]).toEqual(
      eventsBefore,
    );
  });

  it('escalating by hand and resolving record who and why, and after the resolution nothing more happens', async () => {
    const raised = await raise(as.birminghamOfficer, { title: 'Escalated by hand' });
    const escalated = expectStatus<EscalationBody>(
      await act(as.ppeLead, raised.id, 'escalate', { reason: 'Needs mutual aid across the region' }),
      200,
    );
    expect(escalated).toMatchObject({ level: 'regional', status: 'open', version: 2 });
    const step = escalated.history[1];
    expect(step).toMatchObject({
      step: 'escalated',
      from: 'cell',
      level: 'regional',
      actor: { sub: subs['ppe-lead'], name: 'ppe-lead' },
      reason: 'Needs mutual aid across the region',
    });
    // The new level gets a fresh deadline.
    expect(Date.parse(escalated.ackDueAt ?? '') - Date.parse(step?.at ?? '')).toBe(SLA_MS.critical);

    const resolved = expectStatus<EscalationBody>(
      await act(as.regional2, raised.id, 'resolve', { resolution: 'Reserve released' }),
      200,
    );
    expect(resolved).toMatchObject({ level: 'regional', status: 'resolved', ackDueAt: null, version: 3 });
    expect(resolved.history[2]).toMatchObject({
      step: 'resolved',
      level: 'regional',
      resolution: 'Reserve released',
      actor: { sub: subs['regional2'] },
    });
    // A resolved escalation takes no more steps.
    expect(statusOf(await act(as.regional, raised.id, 'resolve', { resolution: 'Again' }))).toEqual({
      status: 409,
      code: 'conflict',
    });
    expect(statusOf(await act(as.regional, raised.id, 'escalate', { reason: 'Again' }))).toEqual({
      status: 409,
      code: 'conflict',
    });

    // Past the cell deadline, the regional one and one more: nothing moves.
    await sleep(Date.parse(escalated.ackDueAt ?? '') - Date.now() + 2 * SLA_MS.critical);
    expect(await read(raised.id)).toEqual(resolved);
    expect(historyOutline(resolved.history)).toEqual([
      `raised@cell by ${String(subs['birmingham-officer'])}`,
      `escalated cell→regional by ${String(subs['ppe-lead'])}`,
      `resolved@regional by ${String(subs['regional2'])}`,
    ]);
    const about = eventsAbout(regionSocket.events, raised.id);
    expect(types(about)).toEqual(['escalation.raised', 'escalation.escalated', 'escalation.resolved']);
    expect(about[1]?.data).toMatchObject({
      actor: 'ppe-lead',
      from: 'cell',
      level: 'regional',
      reason: 'Needs mutual aid across the region',
    });
    expect(about[2]?.data).toMatchObject({ actor: 'regional2', status: 'resolved', resolution: 'Reserve released' });
  });

  it('only the holder of the level may acknowledge, officers raise only for their own authority, and a second acknowledgement is a conflict', async () => {
    const raised = await raise(as.regional, { severity: 'low', title: 'Who may act' });
    // A member of the cell, the officer who may see it, a regional coordinator at cell level: not the holder.
    expect(statusOf(await act(as.ppeMember, raised.id, 'acknowledge'))).toEqual({ status: 403, code: 'forbidden' });
    expect(statusOf(await act(as.birminghamOfficer, raised.id, 'acknowledge'))).toEqual({
      status: 403,
      code: 'forbidden',
    });
    expect(statusOf(await act(as.regional, raised.id, 'acknowledge'))).toEqual({ status: 403, code: 'forbidden' });
    // OFFICIAL escalations are on the common picture: the lead of another cell sees it, but does not hold it.
    expect(statusOf(await as.foodLead.get(`/api/v1/escalations/${raised.id}`))).toEqual({ status: 200 });
    expect(statusOf(await act(as.foodLead, raised.id, 'acknowledge'))).toEqual({ status: 403, code: 'forbidden' });
    expect(statusOf(await act(as.foodLead, raised.id, 'escalate', { reason: 'r' }))).toEqual({
      status: 403,
      code: 'forbidden',
    });
    // Members may neither escalate nor resolve.
    expect(statusOf(await act(as.ppeMember, raised.id, 'escalate', { reason: 'r' }))).toEqual({
      status: 403,
      code: 'forbidden',
    });
    expect(statusOf(await act(as.ppeMember, raised.id, 'resolve', { resolution: 'r' }))).toEqual({
      status: 403,
      code: 'forbidden',
    });
    expect(await read(raised.id)).toEqual(raised);

    const before = await count();
    expect(
      statusOf(await as.birminghamOfficer.post('/api/v1/escalations', escalationInput({ authority: COVENTRY }))),
    ).toEqual({ status: 403, code: 'forbidden' });
    expect(statusOf(await as.mayor.post('/api/v1/escalations', escalationInput()))).toEqual({
      status: 403,
      code: 'forbidden',
    });
    expect(statusOf(await as.foodLead.post('/api/v1/escalations', escalationInput({ cell: 'ppe' })))).toEqual({
      status: 403,
      code: 'forbidden',
    });
    expect(await count()).toBe(before);
    // Cell people raise for their own cell, whichever authority it concerns.
    const byMember = await raise(as.ppeMember, { authority: COVENTRY, severity: 'low', title: 'Raised by a member' });
    expect(byMember.raisedBy).toEqual({ sub: subs['ppe-member'], name: 'ppe-member' });

    expect(statusOf(await act(as.ppeLead, raised.id, 'acknowledge'))).toEqual({ status: 200 });
    expect(statusOf(await act(as.ppeLead, raised.id, 'acknowledge'))).toEqual({ status: 409, code: 'conflict' });
    expect(statusOf(await act(as.ppeLead2, raised.id, 'acknowledge', { note: 'me too' }))).toEqual({
      status: 409,
      code: 'conflict',
    });
    const after = await read(raised.id);
    expect(historyOutline(after.history)).toEqual([
      `raised@cell by ${String(subs['regional'])}`,
      `acknowledged@cell by ${String(subs['ppe-lead'])}`,
    ]);
    expect(after.version).toBe(2);
    expect(statusOf(await act(as.ppeLead, byMember.id, 'resolve', { resolution: 'Tidy up' }))).toEqual({ status: 200 });
  });

  it('two holders acknowledging at the same moment: exactly one 200 and one 409, every time', async () => {
    const outcomes: number[][] = [];
    for (let round = 0; round < 10; round++) {
      const raised = await raise(as.birminghamOfficer, { severity: 'low', title: `Race ${round}` });
      const [first, second] = await Promise.all([
        act(as.ppeLead, raised.id, 'acknowledge', { note: 'lead 1' }),
        act(as.ppeLead2, raised.id, 'acknowledge', { note: 'lead 2' }),
      ]);
      outcomes.push([first.status, second.status].sort());
      const loser = first.status === 409 ? first : second;
      expect(loser.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const after = await read(raised.id);
      // One acknowledgement recorded, by whoever got the 200.
      const winner = first.status === 200 ? subs['ppe-lead'] : subs['ppe-lead-2'];
      expect(historyOutline(after.history)).toEqual([
        `raised@cell by ${String(subs['birmingham-officer'])}`,
        `acknowledged@cell by ${String(winner)}`,
      ]);
      expect(after.version).toBe(2);
    }
    expect(outcomes).toEqual(Array.from({ length: 10 }, () => [200, 409]));
  });

  describe('bad input is refused with problem+json naming the field, and creates nothing', () => {
    let target: EscalationBody;
    beforeAll(async () => {
      target = await raise(as.regional, { severity: 'low', title: 'Target of bad requests' });
    });

    const body = (overrides: Record<string, unknown>, drop?: string): Record<string, unknown> => {
      const input = escalationInput(overrides);
      if (drop !== undefined) Reflect.deleteProperty(input, drop);
      return input;
    };
    type Case = [name: string, path: () => string, body: unknown, status: number, code: string, paths: string[]];
    const raisePath = () => '/api/v1/escalations';
    const on = (action: string) => () => `/api/v1/escalations/${target.id}/${action}`;
    const cases: Case[] = [
      ['missing title', raisePath, body({}, 'title'), 400, 'validation-failed', ['title']],
      ['missing severity', raisePath, body({}, 'severity'), 400, 'validation-failed', ['severity']],
      ['missing marking', raisePath, body({}, 'marking'), 400, 'validation-failed', ['marking']],
      ['empty detail', raisePath, body({ detail: '' }), 400, 'validation-failed', ['detail']],
      ['unknown severity', raisePath, body({ severity: 'urgent' }), 400, 'validation-failed', ['severity']],
      [
        'authority not a GSS code',
        raisePath,
        body({ authority: 'Birmingham' }),
        400,
        'validation-failed',
        ['authority'],
      ],
      ['cell not a slug', raisePath, body({ cell: 'Not A Cell' }), 400, 'validation-failed', ['cell']],
      ['unknown marking', raisePath, body({ marking: 'SECRET' }), 400, 'validation-failed', ['marking']],
      ['unknown field', raisePath, body({ priority: 1 }), 400, 'validation-failed', ['priority']],
      ['title too long', raisePath, body({ title: 'x'.repeat(201) }), 400, 'validation-failed', ['title']],
      ['unknown authority', raisePath, body({ authority: 'E08999999' }), 422, 'rule-violated', ['authority']],
      ['unknown cell', raisePath, body({ cell: 'no-such-cell' }), 404, 'not-found', []],
      ['acknowledge with a numeric note', on('acknowledge'), { note: 5 }, 400, 'validation-failed', ['note']],
      [
        'acknowledge with an unknown field',
        on('acknowledge'),
        { level: 'national' },
        400,
        'validation-failed',
        ['level'],
      ],
      ['escalate without a reason', on('escalate'), {}, 400, 'validation-failed', ['reason']],
      ['escalate with an empty reason', on('escalate'), { reason: '' }, 400, 'validation-failed', ['reason']],
      [
        'resolve without a resolution',
        on('resolve'),
        { note: 'done' },
        400,
        'validation-failed',
        ['resolution', 'note'],
      ],
      [
        'acknowledge a malformed id',
        () => '/api/v1/escalations/not-a-uuid/acknowledge',
        {},
        400,
        'validation-failed',
        ['id'],
      ],
      [
        'acknowledge an unknown escalation',
        () => '/api/v1/escalations/00000000-0000-4000-8000-000000000000/acknowledge',
        {},
        404,
        'not-found',
        [],
      ],
    ];

    it.each(cases.map((c) => [`${c[0]} → ${c[3]} ${c[4]}`, c] as const))(
      '%s',
      async (_title, [, path, payload, status, code, paths]) => {
        const before = await count();
        const response = await as.regional.post(path(), payload);
        expect(statusOf(response)).toEqual({ status, code });
        expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        const problem = response.body as ProblemBody;
        expect(problem).toMatchObject({
          status,
          type: expect.any(String),
          title: expect.any(String),
          detail: expect.any(String),
        });
        expect((problem.errors ?? []).map((error) => error.path).sort()).toEqual(
          expect.arrayContaining([...paths].sort()),
        );
        expect(await count()).toBe(before);
        expect(await read(target.id)).toEqual(target);
      },
    );

    it('a bad list filter → 400 naming it', async () => {
      const response = await as.regional.get('/api/v1/escalations?level=galactic');
      expect(statusOf(response)).toEqual({ status: 400, code: 'validation-failed' });
      expect((response.body as ProblemBody).errors?.map((error) => error.path)).toEqual(['level']);
    });
  });
});
