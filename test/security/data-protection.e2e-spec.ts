import {
  connectLive,
  createTestDatabase,
  decisionInput,
  escalationInput,
  expectStatus,
  http,
  mintToken,
  regionDay,
  startApi,
  startWorker,
  stopAll,
  uniqueRedisPrefix,
  type ApiHandle,
  type HttpClient,
  type TestDatabase,
} from '@muster/testing';

/**
 * Data protection against the real processes: a cleared regional coordinator reading a sensitive decision
 * and a feed leaves rows in the access audit log that an administrator exports (JSONL and CSV); an
 * uncleared reader of the same routes leaves none; the retention settings are administrators' alone; an
 * administrator without clearance reads who was shown sensitive items but not which, nor why a type is held.
 */

const SENSITIVE = 'OFFICIAL-SENSITIVE';
const PROBLEM_JSON = /^application\/problem\+json/;

interface AuditRow {
  id: string;
  at: string;
  sub: string;
  name: string;
  action: string;
  itemType: string;
  itemId: string;
  cell: string | null;
  marking: string;
}

interface RetentionItem {
  recordType: string;
  retainDays: number | null;
  legalHold: boolean;
  reason: string | null;
  updatedBy: unknown;
}

const parseJsonl = (text: string): AuditRow[] =>
  text
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as AuditRow);

describe('data protection: access audit and retention', () => {
  let db: TestDatabase;
  let api: ApiHandle;
  let cleared: HttpClient;
  let uncleared: HttpClient;
  let admin: HttpClient;
  let lead: HttpClient;
  let decisionId: string;
  let escalationId: string;
  const since = new Date(Date.now() - 60_000).toISOString();
  const auditPath = (query: string) => `/api/v1/admin/access-audit?from=${encodeURIComponent(since)}${query}`;

  beforeAll(async () => {
    db = await createTestDatabase();
    const options = { databaseUrl: db.url, redisPrefix: uniqueRedisPrefix(), env: { WORKER_METRICS_PORT: '0' } };
    // The worker too: it must start with the retention queue handled.
    [api] = await Promise.all([startApi(options), startWorker(options)]);
    cleared = http(api.url, await mintToken({ sub: 'rc-cleared', name: 'Asha Cleared', roles: ['regional-coordinator'], clearance: SENSITIVE }));
    uncleared = http(api.url, await mintToken({ sub: 'rc-uncleared', roles: ['regional-coordinator'] }));
    admin = http(api.url, await mintToken({ sub: 'admin-1', roles: ['admin'], clearance: SENSITIVE }));
    lead = http(api.url, await mintToken({ sub: 'lead-1', roles: ['cell-lead'], cells: ['ppe'], clearance: SENSITIVE }));

    decisionId = expectStatus<{ id: string }>(await cleared.post('/api/v1/cells/ppe/decisions', decisionInput('Divert masks', { marking: SENSITIVE })), 201).id;
    expectStatus(await cleared.post('/api/v1/cells/ppe/decisions', decisionInput('Open a depot')), 201);
    escalationId = expectStatus<{ id: string }>(await cleared.post('/api/v1/escalations', escalationInput({ marking: SENSITIVE })), 201).id;
    expectStatus(await cleared.post(`/api/v1/feeds/daily/${regionDay(new Date())}`), 201);
  });

  afterAll(async () => {
    await stopAll();
    await db?.drop();
  });

  async function exportJsonl(query = ''): Promise<AuditRow[]> {
    const response = await admin.get(auditPath(`${query}&format=jsonl`));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/jsonl/);
    return parseJsonl(response.text);
  }

  it('writing records nothing; only reads that return sensitive items are audited', async () => {
    expect(await exportJsonl()).toEqual([]);

    const today = regionDay(new Date());
    // The uncleared coordinator: the decision is absent for them, the feed and the list carry no sensitive item.
    expect((await uncleared.get(`/api/v1/cells/ppe/decisions/${decisionId}`)).status).toBe(404);
    expectStatus(await uncleared.get(`/api/v1/feeds/daily/${today}`), 200);
    expectStatus(await uncleared.get('/api/v1/cells/ppe/decisions'), 200);
    expect(await exportJsonl()).toEqual([]);

    expectStatus(await cleared.get(`/api/v1/cells/ppe/decisions/${decisionId}`), 200);
    expectStatus(await cleared.get(`/api/v1/feeds/daily/${today}`), 200);

    const rows = await exportJsonl();
    expect(rows.every((r) => r.sub === 'rc-cleared' && r.name === 'Asha Cleared' && r.marking === SENSITIVE)).toBe(true);
    expect(rows.map((r) => [r.action, r.itemType, r.itemId, r.cell]).sort()).toEqual(
      [
        ['decision.read', 'decision', decisionId, 'ppe'],
        ['feed.read', 'decision', decisionId, 'ppe'],
        ['feed.read', 'escalation', escalationId, 'ppe'],
      ].sort(),
    );
    expect(await exportJsonl('&sub=rc-uncleared')).toEqual([]);
    expect(await exportJsonl('&sub=rc-cleared')).toHaveLength(3);
  });

  it('exports the same rows as CSV', async () => {
    const response = await admin.get(auditPath('&format=csv'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const [header, ...lines] = response.text.trimEnd().split('\r\n');
    expect(header).toBe('id,at,sub,name,action,itemType,itemId,cell,marking');
    expect(lines).toHaveLength(3);
    expect(lines.some((line) => line.includes(`decision.read,decision,${decisionId},ppe,${SENSITIVE}`))).toBe(true);
  });

  it('lets only administrators export, within a bounded range', async () => {
    for (const caller of [cleared, uncleared, lead]) {
      const response = await caller.get(auditPath(''));
      expect(response.status).toBe(403);
      expect(response.headers.get('content-type')).toMatch(PROBLEM_JSON);
    }
    const backwards = await admin.get(`/api/v1/admin/access-audit?from=${encodeURIComponent(new Date().toISOString())}&to=${encodeURIComponent(since)}`);
    expect(backwards.status).toBe(400);
    expect((await admin.get('/api/v1/admin/access-audit?from=2020-01-01T00:00:00Z')).status).toBe(400);
    expect((await admin.get('/api/v1/admin/access-audit')).status).toBe(400);
  });

  it('shows and changes retention for administrators only; the evidence is offered no setting', async () => {
    const before = expectStatus<{ items: RetentionItem[]; keptForGood: string[] }>(await admin.get('/api/v1/admin/retention'), 200);
    expect(before.items.map((i) => i.recordType)).toEqual(['sitrep', 'idempotency-record', 'access-audit', 'resolved-escalation', 'decided-request']);
    expect(before.keptForGood).toEqual(['decision-log', 'journal']);

    const hold = { retainDays: 365, legalHold: true, reason: 'Inquiry module 2 preservation notice' };
    const changed = expectStatus<RetentionItem>(await admin.put('/api/v1/admin/retention/access-audit', hold), 200);
    expect(changed).toMatchObject({ recordType: 'access-audit', ...hold, updatedBy: { sub: 'admin-1' } });
    const after = expectStatus<{ items: RetentionItem[] }>(await admin.get('/api/v1/admin/retention'), 200);
    expect(after.items.find((i) => i.recordType === 'access-audit')).toMatchObject(hold);

    expect((await admin.put('/api/v1/admin/retention/decision-log', hold)).status).toBe(404);
    expect((await admin.put('/api/v1/admin/retention/journal', hold)).status).toBe(404);
    for (const bad of [{ ...hold, retainDays: 0 }, { ...hold, retainDays: 1.5 }, { ...hold, legalHold: 'yes' }, { retainDays: null, legalHold: false }]) {
      const response = await admin.put('/api/v1/admin/retention/sitrep', bad);
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(PROBLEM_JSON);
    }
    expect((await admin.put('/api/v1/admin/retention/idempotency-record', { ...hold, retainDays: 1 })).status).toBe(400);

    for (const caller of [cleared, uncleared, lead]) {
      expect((await caller.get('/api/v1/admin/retention')).status).toBe(403);
      expect((await caller.put('/api/v1/admin/retention/sitrep', { retainDays: null, legalHold: false, reason: 'x' })).status).toBe(403);
    }
    const unchanged = expectStatus<{ items: RetentionItem[] }>(await admin.get('/api/v1/admin/retention'), 200);
    // The change is journalled (who, what, why) and pushed live only to those cleared to know of a hold.
    const [clearedSocket, unclearedSocket] = await Promise.all([
      connectLive(api.url, await mintToken({ sub: 'rc-cleared', roles: ['regional-coordinator'], clearance: SENSITIVE })),
      connectLive(api.url, await mintToken({ sub: 'rc-uncleared', roles: ['regional-coordinator'] })),
    ]);
    try {
      await Promise.all([clearedSocket.subscribe({ topics: ['region'], after: 0 }), unclearedSocket.subscribe({ topics: ['region'], after: 0 })]);
      const journalled = await clearedSocket.waitForEvent((e) => e.type === 'retention.changed', 10_000);
      expect(journalled).toMatchObject({ marking: SENSITIVE, data: { recordType: 'access-audit', ...hold, updatedBy: { sub: 'admin-1' } } });
      // A later OFFICIAL event reaches the uncleared socket: by then it would have had the change, were it allowed.
      expectStatus(await cleared.post('/api/v1/cells/ppe/decisions', decisionInput('After the hold')), 201);
      const later = await unclearedSocket.waitForEvent((e) => e.type === 'decision.logged' && (e.data as { title?: string }).title === 'After the hold', 10_000);
      expect(later.seq).toBeGreaterThan(journalled.seq);
      expect(unclearedSocket.events.filter((e) => e.type === 'retention.changed')).toEqual([]);
    } finally {
      clearedSocket.close();
      unclearedSocket.close();
    }
    expect(unchanged.items).toEqual(after.items);
  });

  it('shows an administrator without clearance who read sensitive items, when and where, but not which, nor why a type is held', async () => {
    const unclearedAdmin = http(api.url, await mintToken({ sub: 'admin-uncleared', roles: ['admin'] }));
    const full = await exportJsonl();
    const response = await unclearedAdmin.get(auditPath('&format=jsonl'));
    expect(response.status).toBe(200);
    const rows = parseJsonl(response.text);
    const outline = (row: AuditRow) => [row.id, row.at, row.sub, row.name, row.action, row.itemType, row.cell, row.marking];
    expect(rows.map(outline)).toEqual(full.map(outline));
    expect(full.map((row) => row.itemId)).toEqual(expect.arrayContaining([decisionId, escalationId]));
    expect(response.text).not.toContain(decisionId);
    expect(response.text).not.toContain(escalationId);
    // One pseudonym per item within the export, so the rows about one item still match each other.
    const pseudonyms = new Map<string, Set<string>>();
    full.forEach((row, i) => pseudonyms.set(`${row.itemType} ${row.itemId}`, (pseudonyms.get(`${row.itemType} ${row.itemId}`) ?? new Set()).add(rows[i]?.itemId ?? '')));
    expect([...pseudonyms.values()].every((each) => each.size === 1)).toBe(true);
    expect(new Set([...pseudonyms.values()].flatMap((each) => [...each])).size).toBe(pseudonyms.size);
    const csv = await unclearedAdmin.get(auditPath('&format=csv'));
    expect(csv.status).toBe(200);
    expect(csv.text).not.toContain(decisionId);

    const overview = expectStatus<{ items: Array<RetentionItem & { reasonWithheld?: boolean }> }>(await unclearedAdmin.get('/api/v1/admin/retention'), 200);
    expect(overview.items.find((i) => i.recordType === 'access-audit')).toMatchObject({ retainDays: 365, legalHold: true, reason: null, reasonWithheld: true });
    expect(JSON.stringify(overview)).not.toContain('Inquiry module 2');
    const forCleared = expectStatus<{ items: RetentionItem[] }>(await admin.get('/api/v1/admin/retention'), 200);
    expect(forCleared.items.find((i) => i.recordType === 'access-audit')).toMatchObject({ reason: 'Inquiry module 2 preservation notice' });
  });

  it('records in the access audit each sensitive event shown over /live, replayed or pushed, for each reader it reached', async () => {
    const [readerSocket, unclearedSocket] = await Promise.all([
      connectLive(api.url, await mintToken({ sub: 'rc-live', name: 'Ravi Live', roles: ['regional-coordinator'], clearance: SENSITIVE })),
      connectLive(api.url, await mintToken({ sub: 'rc-live-uncleared', roles: ['regional-coordinator'] })),
    ]);
    try {
      // Replayed: the sensitive decision and escalation logged before the sockets connected.
      await Promise.all([readerSocket.subscribe({ topics: ['region'], after: 0 }), unclearedSocket.subscribe({ topics: ['region'], after: 0 })]);
      await readerSocket.waitForEvent((e) => e.type === 'escalation.raised' && (e.data as { id?: string }).id === escalationId, 10_000);
      // Pushed live: a sensitive decision logged now.
      const pushedId = expectStatus<{ id: string }>(await cleared.post('/api/v1/cells/ppe/decisions', decisionInput('Live secret', { marking: SENSITIVE })), 201).id;
      await readerSocket.waitForEvent((e) => (e.data as { id?: string }).id === pushedId, 10_000);
      expectStatus(await cleared.post('/api/v1/cells/ppe/decisions', decisionInput('Live open')), 201);
      await unclearedSocket.waitForEvent((e) => (e.data as { title?: string }).title === 'Live open', 10_000);

      const pushes = (await exportJsonl()).filter((row) => row.action === 'live.push');
      const shownTo = (sub: string) => pushes.filter((row) => row.sub === sub).map((row) => `${row.itemType} ${row.itemId}`);
      expect(shownTo('rc-live')).toEqual(
        expect.arrayContaining([`decision ${decisionId}`, `escalation ${escalationId}`, `decision ${pushedId}`]),
      );
      expect(pushes.find((row) => row.sub === 'rc-live')).toMatchObject({ name: 'Ravi Live', marking: SENSITIVE });
      expect(shownTo('rc-live-uncleared')).toEqual([]);
      expect(unclearedSocket.events.filter((e) => e.marking === SENSITIVE)).toEqual([]);
    } finally {
      readerSocket.close();
      unclearedSocket.close();
    }
  });
});
