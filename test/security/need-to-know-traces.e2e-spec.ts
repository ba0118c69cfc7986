import {
  createTestDatabase,
  escalationInput,
  eventually,
  expectStatus,
  http,
  mintToken,
  regionDay,
  startApi,
  startWorker,
  stopAll,
  uniqueRedisPrefix,
  withDb,
  type ApiHandle,
  type BoardBody,
  type DailyFeedBody,
  type HttpClient,
  type HttpResponse,
  type TestDatabase,
} from '@muster/testing';
import { BIRMINGHAM, COVENTRY, decisionBody } from '@muster/builders';

/**
 * Need to know leaves no trace (issue 10, items 4 and 5), against the real api and worker: a response that
 * shows sensitive items goes through the policy and the access audit even when it answers a POST or replays
 * one; a list, the board as it stood, a decision's answer, a feed's head and `verify` tell a reader nothing of
 * the items they may not see, not even how many there are or when they happened.
 */

const SENSITIVE = 'OFFICIAL-SENSITIVE';
const A = BIRMINGHAM;
const SECRET_TITLE = 'Safeguarding concern at a named care home';

interface AuditRow {
  sub: string;
  action: string;
  itemType: string;
  itemId: string;
}

interface Listed {
  items: Array<{ id: string }>;
  next: string | null;
}

const ids = (response: HttpResponse) => expectStatus<Listed>(response, 200).items.map((item) => item.id);

describe('need to know leaves no trace', () => {
  let db: TestDatabase;
  let api: ApiHandle;
  /** One person (sub rc-1) as they were, and as they are after losing their clearance or their role. */
  let clearedRegional: HttpClient;
  let unclearedSamePerson: HttpClient;
  let samePersonNowMember: HttpClient;
  let otherUncleared: HttpClient;
  let mayor: HttpClient;
  let officer: HttpClient;
  let admin: HttpClient;
  const since = new Date(Date.now() - 60_000).toISOString();
  const today = regionDay(new Date());

  beforeAll(async () => {
    db = await createTestDatabase();
    const options = { databaseUrl: db.url, redisPrefix: uniqueRedisPrefix(), env: { WORKER_METRICS_PORT: '0' } };
    [api] = await Promise.all([startApi(options), startWorker(options)]);
    const person = { sub: 'rc-1', name: 'Asha Regional' };
    clearedRegional = http(
      api.url,
      await mintToken({ ...person, roles: ['regional-coordinator'], clearance: SENSITIVE }),
    );
    unclearedSamePerson = http(api.url, await mintToken({ ...person, roles: ['regional-coordinator'] }));
    samePersonNowMember = http(
      api.url,
      await mintToken({ ...person, roles: ['cell-member'], cells: ['food'], clearance: SENSITIVE }),
    );
    otherUncleared = http(api.url, await mintToken({ sub: 'rc-2', roles: ['regional-coordinator'] }));
    mayor = http(api.url, await mintToken({ sub: 'mayor-1', roles: ['mayors-office'] }));
    officer = http(api.url, await mintToken({ sub: 'officer-1', roles: ['authority-officer'], authority: A }));
    admin = http(api.url, await mintToken({ sub: 'admin-1', roles: ['admin'], clearance: SENSITIVE }));
  });

  afterAll(async () => {
    await stopAll();
    await db?.drop();
  });

  async function audit(sub: string): Promise<AuditRow[]> {
    const response = await admin.get(
      `/api/v1/admin/access-audit?from=${encodeURIComponent(since)}&sub=${sub}&format=jsonl`,
    );
    expect(response.status).toBe(200);
    return response.text
      .split('\n')
      .filter((line) => line.length > 0)
      .map((line) => JSON.parse(line) as AuditRow);
  }

  const raise = async (client: HttpClient, overrides: Record<string, unknown>, headers: Record<string, string> = {}) =>
    expectStatus<{ id: string }>(
      await client.post('/api/v1/escalations', escalationInput({ authority: A, ...overrides }), headers),
      201,
    ).id;

  describe('item 4: every response that shows a sensitive item goes through the policy and the audit', () => {
    let escalationId: string;
    let decisionId: string;

    beforeAll(async () => {
      escalationId = await raise(clearedRegional, { title: SECRET_TITLE, marking: SENSITIVE });
      decisionId = expectStatus<{ id: string }>(
        await clearedRegional.post(
          '/api/v1/cells/ppe/decisions',
          decisionBody('Move residents', { marking: SENSITIVE }),
        ),
        201,
      ).id;
    });

    it('POST /feeds/daily/:date puts the sensitive items it shows on the audit, as GET does; a reader shown none leaves none', async () => {
      const generated = await clearedRegional.post(`/api/v1/feeds/daily/${today}`);
      expect(generated.status).toBe(201);
      expect(generated.text).toContain(SECRET_TITLE);
      const rows = (await audit('rc-1')).filter((row) => row.action === 'feed.read');
      expect(rows.map((row) => [row.itemType, row.itemId]).sort()).toEqual(
        [
          ['decision', decisionId],
          ['escalation', escalationId],
        ].sort(),
      );

      const filtered = await otherUncleared.post(`/api/v1/feeds/daily/${today}`);
      expect(filtered.status).toBe(201);
      expect(filtered.text).not.toContain(SECRET_TITLE);
      expect(await audit('rc-2')).toEqual([]);
    });

    it('a replay is a read by the caller as they are now: refused once they lost their clearance, audited while they have it', async () => {
      const key = { 'idempotency-key': 'replay-escalation-1' };
      const body = escalationInput({ authority: A, title: `${SECRET_TITLE} (2)`, marking: SENSITIVE });
      const first = await clearedRegional.post('/api/v1/escalations', body, key);
      expect(first.status).toBe(201);
      const { id } = first.body as { id: string };

      const lostClearance = await unclearedSamePerson.post('/api/v1/escalations', body, key);
      expect(lostClearance.status).toBe(404);
      expect(lostClearance.headers.get('idempotent-replayed')).toBeNull();
      expect(lostClearance.text).not.toContain(SECRET_TITLE);
      expect(lostClearance.text).not.toContain(id);

      const again = await clearedRegional.post('/api/v1/escalations', body, key);
      expect(again.status).toBe(201);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(again.body).toEqual(first.body);
      expect(
        (await audit('rc-1'))
          .filter((row) => row.action === 'response.replay')
          .map((row) => [row.itemType, row.itemId]),
      ).toEqual([['escalation', id]]);
    });

    it('a replayed feed is refused to its generator once they lost their clearance (404) or the role that reads feeds (403)', async () => {
      const key = { 'idempotency-key': 'replay-feed-1' };
      const first = await clearedRegional.post(`/api/v1/feeds/daily/${today}`, undefined, key);
      expect(first.status).toBe(201);
      expect(first.text).toContain(SECRET_TITLE);

      const lostClearance = await unclearedSamePerson.post(`/api/v1/feeds/daily/${today}`, undefined, key);
      expect(lostClearance.status).toBe(404);
      expect(lostClearance.text).not.toContain(SECRET_TITLE);
      const lostRole = await samePersonNowMember.post(`/api/v1/feeds/daily/${today}`, undefined, key);
      expect(lostRole.status).toBe(403);
      expect(lostRole.text).not.toContain(SECRET_TITLE);

      const replayed = await clearedRegional.post(`/api/v1/feeds/daily/${today}`, undefined, key);
      expect(replayed.status).toBe(201);
      expect(replayed.headers.get('idempotent-replayed')).toBe('true');
      const replays = (await audit('rc-1')).filter((row) => row.action === 'response.replay');
      expect(replays.map((row) => [row.itemType, row.itemId])).toEqual(
        expect.arrayContaining([
          ['escalation', escalationId],
          ['decision', decisionId],
        ]),
      );
    });
  });

  describe('item 5: lists, the board, answers and counts are no oracle', () => {
    it('escalations: filtered before limited, so limit=1 shows the newest visible one and older ones stay reachable by cursor', async () => {
      const official = await raise(clearedRegional, {
        cell: 'food',
        title: 'Food hub short of volunteers',
        marking: 'OFFICIAL',
      });
      for (let n = 0; n < 3; n++)
        await raise(clearedRegional, { cell: 'food', title: `${SECRET_TITLE} ${n}`, marking: SENSITIVE });

      expect(ids(await officer.get('/api/v1/escalations?cell=food&limit=1'))).toEqual([official]);
      expect(ids(await officer.get('/api/v1/escalations?cell=food&limit=2'))).toEqual([official]);
      expect(ids(await clearedRegional.get('/api/v1/escalations?cell=food&limit=1'))).toHaveLength(1);

      // The cleared reader walks the four a page at a time; the cursor is theirs to pass back, and validated.
      const seen: string[] = [];
      let path = '/api/v1/escalations?cell=food&limit=1';
      for (;;) {
        const page = expectStatus<Listed>(await clearedRegional.get(path), 200);
        seen.push(...page.items.map((item) => item.id));
        if (page.next === null) break;
        path = `/api/v1/escalations?cell=food&limit=1&cursor=${page.next}`;
      }
      expect(seen).toHaveLength(4);
      expect(seen.at(-1)).toBe(official);
      const bad = await clearedRegional.get('/api/v1/escalations?cursor=bm90LWEtY3Vyc29y');
      expect(bad.status).toBe(400);
      expect((bad.body as { errors: Array<{ path: string }> }).errors.map((e) => e.path)).toEqual(['cursor']);
    });

    it('decision requests: filtered before limited, with a cursor', async () => {
      const ask = async (question: string, marking: string, dueInMinutes: number) =>
        expectStatus<{ id: string }>(
          await clearedRegional.post('/api/v1/cells/shielding/decision-requests', {
            question,
            dueInMinutes,
            marking,
            authority: A,
          }),
          201,
        ).id;
      // The hidden one is due first: before the fix it took the only place on a page of one.
      await ask('Move a named resident?', SENSITIVE, 60);
      const official = await ask('Open a second shielding hub?', 'OFFICIAL', 120);
      expect(ids(await officer.get('/api/v1/cells/shielding/decision-requests?limit=1'))).toEqual([official]);
      const first = expectStatus<Listed>(
        await clearedRegional.get('/api/v1/cells/shielding/decision-requests?limit=1'),
        200,
      );
      expect(first.next).not.toBeNull();
      expect(
        ids(await clearedRegional.get(`/api/v1/cells/shielding/decision-requests?limit=1&cursor=${first.next ?? ''}`)),
      ).toEqual([official]);
      // Another list's cursor is refused.
      const escalations = expectStatus<Listed>(await clearedRegional.get('/api/v1/escalations?limit=1'), 200);
      expect(
        (await clearedRegional.get(`/api/v1/cells/shielding/decision-requests?cursor=${escalations.next ?? ''}`))
          .status,
      ).toBe(400);
    });

    it('GET /board?at=: positions that differ only by an event hidden from the reader give that reader the same answer', async () => {
      await raise(clearedRegional, {
        cell: 'homelessness',
        title: 'Rough sleepers at the station',
        marking: 'OFFICIAL',
      });
      const hidden = await raise(clearedRegional, { cell: 'homelessness', title: SECRET_TITLE, marking: SENSITIVE });
      const seq = await eventually(
        () =>
          withDb(
            db.url,
            async (client) =>
              (await client.query<{ seq: string | null }>(`SELECT seq FROM journal WHERE data->>'id' = $1`, [hidden]))
                .rows[0]?.seq,
          ),
        (value) => expect(value).toEqual(expect.any(String)),
        { description: 'the relay to sequence the hidden event' },
      );
      const n = Number(seq);
      await eventually(
        () => clearedRegional.get('/api/v1/board'),
        (response) => expect((response.body as BoardBody).asOf.seq).toBeGreaterThanOrEqual(n),
        { description: 'the board to reach the hidden event' },
      );
      for (const reader of [mayor, officer, otherUncleared]) {
        const before = expectStatus<BoardBody>(await reader.get(`/api/v1/board?at=${n - 1}`), 200);
        const at = expectStatus<BoardBody>(await reader.get(`/api/v1/board?at=${n}`), 200);
        expect(at).toEqual(before);
        expect(at.asOf.seq).toBeLessThan(n);
      }
      // A reader with a need to know is shown the event's own position and time.
      expect(expectStatus<BoardBody>(await clearedRegional.get(`/api/v1/board?at=${n}`), 200).asOf.seq).toBe(n);
    });

    it('a sensitive request cannot be answered by a decision that would name it to others: 422, nothing logged', async () => {
      const request = expectStatus<{ id: string }>(
        await clearedRegional.post('/api/v1/cells/ppe/decision-requests', {
          question: 'Close a named home?',
          dueInMinutes: 60,
          marking: SENSITIVE,
          authority: A,
        }),
        201,
      ).id;
      const before = expectStatus<{ items: unknown[] }>(
        await clearedRegional.get('/api/v1/cells/ppe/decisions?limit=500'),
        200,
      ).items.length;
      const official = await clearedRegional.post(
        `/api/v1/cells/ppe/decision-requests/${request}/decision`,
        decisionBody('Close it', { authorities: [A] }),
      );
      expect(official.status).toBe(422);
      expect((official.body as { errors: Array<{ path: string }> }).errors.map((e) => e.path)).toEqual(['marking']);
      const wider = await clearedRegional.post(
        `/api/v1/cells/ppe/decision-requests/${request}/decision`,
        decisionBody('Close it', { authorities: [A, COVENTRY], marking: SENSITIVE }),
      );
      expect(wider.status).toBe(422);
      expect((wider.body as { errors: Array<{ path: string }> }).errors.map((e) => e.path)).toEqual(['authorities.1']);
      expect(
        expectStatus<{ items: unknown[] }>(await clearedRegional.get('/api/v1/cells/ppe/decisions?limit=500'), 200)
          .items,
      ).toHaveLength(before);
      const answered = await clearedRegional.post(
        `/api/v1/cells/ppe/decision-requests/${request}/decision`,
        decisionBody('Close it', { authorities: [A], marking: SENSITIVE }),
      );
      expect(answered.status).toBe(201);
    });

    it('verify and the feed’s head count only what the reader may see: hidden entries at the end of a log change nothing but the head hash', async () => {
      const cell = '/api/v1/cells/food/decisions';
      expectStatus(await clearedRegional.post(cell, decisionBody('Open the food hub')), 201);
      const seen = expectStatus<{ valid: boolean; entries: number; head: string }>(
        await mayor.get(`${cell}/verify`),
        200,
      );
      for (let n = 0; n < 2; n++)
        expectStatus(
          await clearedRegional.post(cell, decisionBody(`Feed a named family ${n}`, { marking: SENSITIVE })),
          201,
        );

      const after = expectStatus<{ valid: boolean; entries: number; head: string }>(
        await mayor.get(`${cell}/verify`),
        200,
      );
      expect(after).toEqual({ valid: true, entries: seen.entries, head: expect.any(String) });
      expect(after.head).not.toBe(seen.head);
      const full = expectStatus<{ entries: number }>(await clearedRegional.get(`${cell}/verify`), 200);
      expect(full.entries).toBe(seen.entries + 2);

      expectStatus(await clearedRegional.post(`/api/v1/feeds/daily/${today}`), 201);
      const feedHead = (feed: DailyFeedBody) => feed.cells.find((c) => c.slug === 'food')?.head;
      const forMayor = expectStatus<DailyFeedBody>(await mayor.get(`/api/v1/feeds/daily/${today}`), 200);
      expect(feedHead(forMayor)).toEqual({ sequence: null, hash: after.head });
      const forRegional = expectStatus<DailyFeedBody>(await clearedRegional.get(`/api/v1/feeds/daily/${today}`), 200);
      expect(feedHead(forRegional)).toEqual({ sequence: full.entries, hash: after.head });
    });
  });
});
