import { Client } from 'pg';
import {
  connectLive,
  createTestDatabase,
  expectStatus,
  http,
  mintToken,
  regionDay,
  sleep,
  startApi,
  startRedisServer,
  startWorker,
  stopAll,
  uniqueRedisPrefix,
  waitFor,
  type ApiHandle,
  type HttpClient,
  type LiveClient,
  type RedisServer,
  type StartOptions,
  type TestDatabase,
  type WorkerHandle,
} from '@muster/testing';
import { decisionBody, SANDWELL } from '@muster/builders';

/**
 * Issue 14, item 1: a decision's actions become tracked records. One is marked done by its owner, one goes
 * overdue exactly once (across a worker SIGKILL, and after a Redis wipe), one is dropped by an amendment
 * that says so; lists filter by owner and status; need to know and the update rules hold.
 *
 * The file runs its own redis-server (it wipes it), which the api and the worker share.
 */

interface ActionBody {
  id: string;
  cell: string;
  decisionId: string;
  action: string;
  owner: string;
  due?: string;
  status: 'open' | 'done' | 'dropped' | 'overdue';
  history: Array<{ kind: string; status: string; note?: string; amendmentId?: string; by: unknown }>;
}
interface ActionsDiffBody {
  added: Array<{ id: string; action: string }>;
  changed: Array<{ id: string }>;
  dropped: Array<{ id: string; action: string }>;
}

const OWNER = 'officer-sandwell';

describe('actions: tracked from a decision, done, overdue once, dropped by an amendment', () => {
  let redis: RedisServer;
  let db: TestDatabase;
  let redisPrefix: string;
  let api: ApiHandle;
  let worker: WorkerHandle;
  let pg: Client;
  let lead: HttpClient;
  let owner: HttpClient;
  let member: HttpClient;
  let otherLead: HttpClient;
  let unclearedLead: HttpClient;
  let live: LiveClient;

  const log = async (title: string, actions: unknown[], marking = 'OFFICIAL'): Promise<ActionBody[]> => {
    const logged = expectStatus<{ id: string }>(
      await lead.post(
        '/api/v1/cells/ppe/decisions',
        decisionBody(title, { actions, marking, authorities: [SANDWELL] }),
      ),
      201,
    );
    const detail = expectStatus<{ actions: Array<{ id: string }> }>(
      await lead.get(`/api/v1/cells/ppe/decisions/${logged.id}`),
      200,
    );
    return Promise.all(detail.actions.map(async ({ id }) => read(id)));
  };
  const read = async (id: string, as: HttpClient = lead): Promise<ActionBody> =>
    expectStatus<ActionBody>(await as.get(`/api/v1/actions/${id}`), 200);
  const list = async (query: string, as: HttpClient = lead): Promise<ActionBody[]> =>
    expectStatus<{ items: ActionBody[] }>(await as.get(`/api/v1/actions?${query}`), 200).items;
  const overdueEventsInJournal = async (id: string): Promise<number> => {
    const { rows } = await pg.query<{ n: string }>(
      `SELECT count(*) AS n FROM journal WHERE type = 'action.overdue' AND data->>'actionId' = $1`,
      [id],
    );
    return Number(rows[0]?.n);
  };
  const overdueEventsLive = (id: string): number =>
    live.events.filter((e) => e.type === 'action.overdue' && (e.data as { actionId?: string }).actionId === id).length;
  const timerKey = (a: ActionBody) =>
    `{${redisPrefix}:jobs}:action-due:action-due-${a.id}-${String(Date.parse(a.due ?? ''))}`;
  const untilOverdue = (id: string, timeoutMs: number) =>
    waitFor(async () => ((await read(id)).status === 'overdue' ? true : undefined), {
      timeoutMs,
      intervalMs: 100,
      description: `action ${id} to be overdue`,
    });
  const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();

  beforeAll(async () => {
    redis = await startRedisServer();
    db = await createTestDatabase();
    redisPrefix = uniqueRedisPrefix();
    const options: StartOptions = {
      databaseUrl: db.url,
      redisPrefix,
      redisUrl: redis.url,
      env: { ESCALATION_RECONCILE_INTERVAL: '2s', WORKER_METRICS_PORT: '0' },
    };
    [api, worker] = await Promise.all([startApi(options), startWorker(options)]);
    const token = (claims: Parameters<typeof mintToken>[0]) => mintToken(claims);
    lead = http(
      api.url,
      await token({
        sub: 'ppe-lead',
        name: 'Priya Shah',
        roles: ['cell-lead'],
        cells: ['ppe'],
        clearance: 'OFFICIAL-SENSITIVE',
      }),
    );
    owner = http(
      api.url,
      await token({ sub: OWNER, name: 'Jas Kaur', roles: ['authority-officer'], authority: SANDWELL }),
    );
    member = http(api.url, await token({ sub: 'ppe-member', roles: ['cell-member'], cells: ['ppe'] }));
    otherLead = http(api.url, await token({ sub: 'food-lead', roles: ['cell-lead'], cells: ['food'] }));
    unclearedLead = http(api.url, await token({ sub: 'ppe-lead-2', roles: ['cell-lead'], cells: ['ppe'] }));
    live = await connectLive(api.url, await token({ sub: 'watcher', roles: ['regional-coordinator'] }));
    await live.subscribe({ topics: ['cell:ppe'] });
    pg = new Client({ connectionString: db.url });
    await pg.connect();
  });

  afterAll(async () => {
    live?.close();
    await pg?.end().catch(() => undefined);
    await stopAll();
    await redis?.stop();
    await db?.drop();
  });

  it('a decision with three actions: one done, one overdue exactly once across a worker SIGKILL, one dropped by an amendment that says so', async () => {
    const [courier, homes, stock] = await log('Release the FFP3 reserve to Sandwell', [
      { action: 'Arrange courier', owner: OWNER, due: inSeconds(3600) },
      { action: 'Tell the care homes', owner: 'Care Homes Forum', due: inSeconds(4) },
      { action: 'Count the stock', owner: 'ppe-lead' },
    ]);
    if (courier === undefined || homes === undefined || stock === undefined) throw new Error('three actions expected');
    expect([courier, homes, stock].map((a) => [a.action, a.owner, a.status])).toEqual([
      ['Arrange courier', OWNER, 'open'],
      ['Tell the care homes', 'Care Homes Forum', 'open'],
      ['Count the stock', 'ppe-lead', 'open'],
    ]);

    // Done, by its owner; done is final.
    const done = expectStatus<ActionBody>(
      await owner.patch(`/api/v1/actions/${courier.id}`, { status: 'done', note: 'Booked for 14:00' }),
      200,
    );
    expect(done.status).toBe('done');
    expect(done.history.at(-1)).toMatchObject({ kind: 'updated', status: 'done', note: 'Booked for 14:00' });
    expect((await owner.patch(`/api/v1/actions/${courier.id}`, { note: 'again' })).status).toBe(409);

    // Overdue once: the worker dies with the timer pending and comes back after the due time.
    await waitFor(async () => (await redis.exists([timerKey(homes)]))[0], {
      timeoutMs: 5_000,
      description: 'the overdue timer in Redis',
    });
    await worker.kill();
    expect(Date.now()).toBeLessThan(Date.parse(homes.due ?? ''));
    await sleep(Date.parse(homes.due ?? '') - Date.now() + 1_000);
    expect((await read(homes.id)).status).toBe('open');
    await worker.restart();
    await untilOverdue(homes.id, 15_000);
    await waitFor(() => overdueEventsLive(homes.id) > 0 || undefined, {
      timeoutMs: 10_000,
      description: 'the live event',
    });
    // Reconciliation runs every 2 s and re-schedules nothing for an overdue action; a late firing changes nothing.
    await sleep(5_000);
    expect(await overdueEventsInJournal(homes.id)).toBe(1);
    expect(overdueEventsLive(homes.id)).toBe(1);
    const overdue = await read(homes.id);
    expect(overdue.history.filter((h) => h.kind === 'overdue')).toEqual([
      expect.objectContaining({ by: 'system', status: 'overdue' }),
    ]);

    // An amendment that leaves "Count the stock" out drops it, and says so.
    const amended = expectStatus<{ id: string; actionsDiff: ActionsDiffBody }>(
      await lead.post(`/api/v1/cells/ppe/decisions/${courier.decisionId}/amendments`, {
        reason: 'The national team counts the stock',
        changes: {
          actions: [
            { id: courier.id, action: 'Arrange courier', owner: OWNER },
            { action: 'Tell the care homes', owner: 'Care Homes Forum', due: homes.due },
            { action: 'Confirm receipt', owner: OWNER },
          ],
        },
      }),
      201,
    );
    expect(amended.actionsDiff.dropped.map((a) => [a.id, a.action])).toEqual([[stock.id, 'Count the stock']]);
    expect(amended.actionsDiff.added.map((a) => a.action)).toEqual(['Confirm receipt']);
    expect(amended.actionsDiff.changed.map((c) => c.id)).toEqual([courier.id]);
    const dropped = await read(stock.id);
    expect(dropped.status).toBe('dropped');
    expect(dropped.history.at(-1)).toMatchObject({
      kind: 'amended',
      status: 'dropped',
      note: 'The national team counts the stock',
      amendmentId: amended.id,
    });
    const detail = expectStatus<{ amendments: Array<{ id: string; actionsDiff?: ActionsDiffBody }> }>(
      await lead.get(`/api/v1/cells/ppe/decisions/${courier.decisionId}`),
      200,
    );
    expect(detail.amendments.map((a) => a.actionsDiff?.dropped.map((d) => d.action))).toEqual([['Count the stock']]);
    // The diff is part of the amendment's hashed entry, and the log still verifies with it.
    expect(expectStatus<{ valid: boolean }>(await lead.get('/api/v1/cells/ppe/decisions/verify'), 200).valid).toBe(
      true,
    );
    // Nothing lost: four records, the done one still done, the overdue one still overdue.
    const ofDecision = (await list('cell=ppe&limit=500')).filter((a) => a.decisionId === courier.decisionId);
    expect(ofDecision.map((a) => [a.action, a.status]).sort()).toEqual([
      ['Arrange courier', 'done'],
      ['Confirm receipt', 'open'],
      ['Count the stock', 'dropped'],
      ['Tell the care homes', 'overdue'],
    ]);

    // Lists filtered by owner and status, before they are limited.
    expect((await list(`owner=${OWNER}`)).map((a) => a.action).sort()).toEqual(['Arrange courier', 'Confirm receipt']);
    expect((await list(`owner=${OWNER}&status=open`)).map((a) => a.action)).toEqual(['Confirm receipt']);
    expect((await list('cell=ppe&status=overdue')).map((a) => a.id)).toEqual([homes.id]);
    expect((await list('status=dropped&limit=1')).map((a) => a.id)).toEqual([stock.id]);
    const firstPage = expectStatus<{ items: ActionBody[]; next: string | null }>(
      await lead.get(`/api/v1/actions?cell=ppe&limit=2`),
      200,
    );
    const secondPage = expectStatus<{ items: ActionBody[]; next: string | null }>(
      await lead.get(`/api/v1/actions?cell=ppe&limit=2&cursor=${firstPage.next ?? ''}`),
      200,
    );
    expect([...firstPage.items, ...secondPage.items].map((a) => a.id).sort()).toEqual(
      ofDecision.map((a) => a.id).sort(),
    );
    expect(secondPage.next).toBeNull();

    // The board and the day's report count them: one open, one done, one overdue (the dropped one is not counted).
    const counts = { open: 1, done: 1, overdue: 1 };
    await waitFor(
      async () => {
        const board = expectStatus<{ cells: Array<{ slug: string; actions: unknown }> }>(
          await lead.get('/api/v1/board?cell=ppe'),
          200,
        );
        return JSON.stringify(board.cells[0]?.actions) === JSON.stringify(counts) || undefined;
      },
      { timeoutMs: 10_000, description: 'the board to count the actions' },
    );
    const regional = http(api.url, await mintToken({ sub: 'feed-regional', roles: ['regional-coordinator'] }));
    const today = regionDay(new Date());
    const feed = expectStatus<{
      cells: Array<{ slug: string; actions?: { open: number; done: number; overdue: number } }>;
    }>(await regional.post(`/api/v1/feeds/daily/${today}`), 201);
    const ppe = feed.cells.find((c) => c.slug === 'ppe');
    expect({ open: ppe?.actions?.open, done: ppe?.actions?.done, overdue: ppe?.actions?.overdue }).toEqual(counts);
  });

  it('updates by the owner, the lead or regional only; a drop needs a reason; need to know as the decision', async () => {
    // An uncleared member of the cell follows it live: the sensitive decision's action never reaches them.
    const uncleared = await connectLive(
      api.url,
      await mintToken({ sub: 'ppe-member-2', roles: ['cell-member'], cells: ['ppe'] }),
    );
    await uncleared.subscribe({ topics: ['cell:ppe'] });
    const [hidden] = await log(
      'Sensitive shielding list',
      [{ action: 'Share the list', owner: 'ppe-lead' }],
      'OFFICIAL-SENSITIVE',
    );
    const [visible] = await log('Open the food hub', [{ action: 'Open the hub', owner: 'Hub manager' }]);
    if (visible === undefined || hidden === undefined) throw new Error('fixture');
    const about = (id: string) => (e: { type: string; data: unknown }) =>
      e.type.startsWith('action.') && (e.data as { actionId?: string }).actionId === id;
    await uncleared.waitForEvent(about(visible.id), 10_000);
    expect(uncleared.events.filter(about(hidden.id))).toEqual([]);
    uncleared.close();

    expect((await member.patch(`/api/v1/actions/${visible.id}`, { status: 'done' })).status).toBe(403);
    expect((await otherLead.patch(`/api/v1/actions/${visible.id}`, { status: 'done' })).status).toBe(404);
    expect((await otherLead.get(`/api/v1/actions?cell=ppe`)).status).toBe(403);
    expect((await list('limit=500', otherLead)).map((a) => a.id)).not.toContain(visible.id);
    const noReason = await lead.patch(`/api/v1/actions/${visible.id}`, { status: 'dropped' });
    expect(noReason.status).toBe(422);
    expect(noReason.body).toMatchObject({ errors: [{ path: 'note' }] });
    expect((await lead.patch(`/api/v1/actions/${visible.id}`, { status: 'open' })).status).toBe(400);
    expect((await read(visible.id)).status).toBe('open');

    // The sensitive decision's action: seen and updated by the cleared lead, absent for the uncleared one.
    expect((await unclearedLead.get(`/api/v1/actions/${hidden.id}`)).status).toBe(404);
    expect((await list('cell=ppe&limit=500', unclearedLead)).map((a) => a.id)).not.toContain(hidden.id);
    expect((await list('cell=ppe&limit=500', unclearedLead)).map((a) => a.id)).toContain(visible.id);
    expect((await list('cell=ppe&limit=500')).map((a) => a.id)).toContain(hidden.id);
    expect((await unclearedLead.patch(`/api/v1/actions/${hidden.id}`, { status: 'done' })).status).toBe(404);
    expect(
      expectStatus<ActionBody>(await lead.patch(`/api/v1/actions/${hidden.id}`, { status: 'done' }), 200).status,
    ).toBe('done');
  });

  it('standing a cell down needs a handover naming who takes each open action', async () => {
    const regional = http(api.url, await mintToken({ sub: 'hand-regional', roles: ['regional-coordinator'] }));
    const slug = `act-${Date.now().toString(36)}`;
    expectStatus(
      await regional.post('/api/v1/cells', {
        slug,
        name: 'Actions handover',
        decisionTimescaleMinutes: 60,
        figures: [{ key: 'beds_free', label: 'Beds free', unit: 'beds', carriesForward: false }],
        thresholds: [],
        activationCriteria: [],
      }),
      201,
    );
    expectStatus(await regional.post(`/api/v1/cells/${slug}/activation`, { reason: 'Shelters full' }), 200);
    const logged = expectStatus<{ id: string }>(
      await regional.post(
        `/api/v1/cells/${slug}/decisions`,
        decisionBody('Open the overflow shelter', {
          actions: [
            { action: 'Staff the shelter', owner: 'Shelter manager' },
            { action: 'Tell the council', owner: OWNER },
          ],
        }),
      ),
      201,
    );
    const mine = (await list(`cell=${slug}`, regional)).filter((a) => a.decisionId === logged.id);
    const staff = mine.find((a) => a.action === 'Staff the shelter');
    const tell = mine.find((a) => a.action === 'Tell the council');
    if (staff === undefined || tell === undefined) throw new Error('two actions expected');
    // One done: only the open one is still to hand over.
    expectStatus(await regional.patch(`/api/v1/actions/${tell.id}`, { status: 'done' }), 200);

    const refused = await regional.post(`/api/v1/cells/${slug}/stand-down`, { reason: 'Beds recovered' });
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.body)).toContain(`action ${staff.id}`);
    expect(JSON.stringify(refused.body)).not.toContain(tell.id);
    const down = expectStatus<{ handover: { items: Array<{ kind: string; id: string; title: string }> } }>(
      await regional.post(`/api/v1/cells/${slug}/stand-down`, {
        reason: 'Beds recovered',
        handover: [{ kind: 'action', id: staff.id, to: { role: 'regional-coordinator' } }],
      }),
      200,
    );
    expect(down.handover.items).toEqual([
      expect.objectContaining({ kind: 'action', id: staff.id, title: 'Staff the shelter' }),
    ]);
  });

  it('a timer lost with a Redis wipe is re-created by reconciliation and fires once', async () => {
    const [due] = await log('Restock the hub', [{ action: 'Restock', owner: 'Hub manager', due: inSeconds(3) }]);
    if (due === undefined) throw new Error('fixture');
    await waitFor(async () => (await redis.exists([timerKey(due)]))[0], {
      timeoutMs: 5_000,
      description: 'the overdue timer in Redis',
    });
    await redis.flushAll();
    await untilOverdue(due.id, 15_000);
    await sleep(4_000);
    expect(await overdueEventsInJournal(due.id)).toBe(1);
  });
});
