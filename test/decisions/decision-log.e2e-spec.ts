import { parse } from 'csv-parse/sync';
import type { Role } from '@muster/contracts';
import {
  createTestDatabase,
  expectStatus,
  http,
  mintToken,
  startApi,
  stopAll,
  uniqueRedisPrefix,
  type ApiHandle,
  type HttpClient,
  type HttpResponse,
  type TestDatabase,
} from '@muster/testing';
import { BIRMINGHAM, decisionBody } from '@muster/builders';

/**
 * The decision log over HTTP against the real api process: who may write, the per-cell hash chain,
 * paging, amendments that never edit the original, verification and the inquiry export.
 */

const GENESIS = '0'.repeat(64);
const HEX64 = /^[0-9a-f]{64}$/;

interface Logged {
  id: string;
  sequence: number;
  hash: string;
  prevHash: string;
  recordedAt: string;
}

interface Entry {
  id: string;
  cell: string;
  kind: 'decision' | 'amendment';
  sequence: number;
  hash: string;
  prevHash: string;
  marking: string;
  authorities: string[];
  recordedAt: string;
  recordedBy: { sub: string; name: string };
  title?: string;
  decision?: string;
  decidedBy?: string;
  amends?: string;
  reason?: string;
  changes?: Record<string, unknown>;
  /** In the list only, once a decision is amended. */
  amendedBy?: number[];
  current?: { title: string; decision: string; rationale: string };
}

/** An entry as stored, which is what the export holds: without the reading the list adds beside it. */
const asStored = ({ amendedBy: _amendedBy, current: _current, ...entry }: Entry): Entry => entry;

interface Page {
  items: Entry[];
  nextAfter: number | null;
}

interface Detail extends Entry {
  amendments: Entry[];
  current?: { title: string; decision: string; rationale: string };
}

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: Array<{ path: string; message: string }>;
}

type Verdict =
  { valid: true; entries: number; head: string } | { valid: false; entries: number; firstBadSequence: number };

function expectProblem(response: HttpResponse, status: number, code: string): void {
  expect({ status: response.status, code: (response.body as Problem).code }).toEqual({ status, code });
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = response.body as Problem;
  expect(body.status).toBe(status);
  expect(typeof body.type).toBe('string');
  expect(typeof body.title).toBe('string');
  expect(typeof body.detail).toBe('string');
}

describe('decision log over HTTP', () => {
  let db: TestDatabase;
  let api: ApiHandle;
  let leadHomelessness: HttpClient;
  let leadFood: HttpClient;
  let regional: HttpClient;
  let mayor: HttpClient;
  let anonymous: HttpClient;
  const as = async (roles: Role[], extra: { cells?: string[]; authority?: string; name?: string } = {}) =>
    anonymous.as(await mintToken({ roles, ...extra }));

  const base = '/api/v1/cells/homelessness/decisions';
  /** The three decisions the chain tests log, in order. */
  const logged: Logged[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startApi({ databaseUrl: db.url, redisPrefix: uniqueRedisPrefix() });
    anonymous = http(api.url);
    leadHomelessness = await as(['cell-lead'], { cells: ['homelessness'], name: 'Hannah Lead' });
    leadFood = await as(['cell-lead'], { cells: ['food'], name: 'Femi Lead' });
    regional = await as(['regional-coordinator'], { name: 'Rhea Regional' });
    mayor = await as(['mayors-office'], { name: 'Mo Mayor' });
  });

  afterAll(async () => {
    await stopAll();
    await db?.drop();
  });

  it('logs decisions by the cell lead and by a regional coordinator as 1, 2, 3, each hash linked to the one before', async () => {
    const writers = [leadHomelessness, regional, leadHomelessness];
    for (const [index, writer] of writers.entries()) {
      const response = await writer.post(base, decisionBody(`Open overflow shelter ${index + 1}`));
      expect(response.status).toBe(201);
      logged.push(response.body as Logged);
    }
    expect(logged.map((entry) => entry.sequence)).toEqual([1, 2, 3]);
    expect(logged[0]?.prevHash).toBe(GENESIS);
    expect(logged[1]?.prevHash).toBe(logged[0]?.hash);
    expect(logged[2]?.prevHash).toBe(logged[1]?.hash);
    for (const entry of logged) {
      expect(entry.hash).toMatch(HEX64);
      expect(entry.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(new Date(entry.recordedAt).toISOString()).toBe(entry.recordedAt);
    }
    expect(new Set(logged.map((entry) => entry.hash)).size).toBe(3);

    // Another cell has a chain of its own, starting again at 1 from the genesis hash.
    const food = await leadFood.post('/api/v1/cells/food/decisions', decisionBody('Extend food bank hours'));
    expect(food.status).toBe(201);
    expect(food.body).toMatchObject({ sequence: 1, prevHash: GENESIS });
  });

  it('lists the log oldest first, with the decision fields flattened, paged by after and limit', async () => {
    const all = await mayor.get(base);
    expect(all.status).toBe(200);
    const page = all.body as Page;
    expect(page.items.map((item) => [item.sequence, item.id, item.hash, item.prevHash])).toEqual(
      logged.map((entry) => [entry.sequence, entry.id, entry.hash, entry.prevHash]),
    );
    expect(page.nextAfter).toBeNull();
    expect(page.items[0]).toMatchObject({
      kind: 'decision',
      cell: 'homelessness',
      marking: 'OFFICIAL',
      authorities: [],
      title: 'Open overflow shelter 1',
      decision: 'Decision: Open overflow shelter 1',
      decidedBy: 'Hannah Lead',
      recordedBy: { name: 'Hannah Lead' },
    });
    expect(page.items[1]).toMatchObject({ decidedBy: 'Rhea Regional', recordedBy: { name: 'Rhea Regional' } });

    const first = (await regional.get(`${base}?limit=2`)).body as Page;
    expect(first.items.map((item) => item.sequence)).toEqual([1, 2]);
    expect(first.nextAfter).toBe(2);
    const second = (await regional.get(`${base}?after=${first.nextAfter ?? 0}&limit=2`)).body as Page;
    expect(second.items.map((item) => item.sequence)).toEqual([3]);
    expect(second.nextAfter).toBeNull();
    const beyond = (await regional.get(`${base}?after=3`)).body as Page;
    expect(beyond).toEqual({ items: [], nextAfter: null });
  });

  it('appends an amendment as a new entry pointing at the original, and leaves the original as it was', async () => {
    const original = logged[0];
    if (original === undefined) throw new Error('the first test logs the decisions');
    const before = await leadHomelessness.get(`${base}/${original.id}`);
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ id: original.id, hash: original.hash, amendments: [] });

    const amended = await leadHomelessness.post(`${base}/${original.id}/amendments`, {
      reason: 'The title named the wrong site',
      changes: { title: 'Open overflow shelter at the Digbeth site', authorities: [BIRMINGHAM] },
    });
    expect(amended.status).toBe(201);
    const amendment = amended.body as Logged & { amends: string };
    expect(amendment).toMatchObject({ amends: original.id, sequence: 4, prevHash: logged[2]?.hash });
    expect(amendment.hash).toMatch(HEX64);

    const after = await mayor.get(`${base}/${original.id}`);
    expect(after.status).toBe(200);
    const detail = after.body as Detail;
    // The stored original is byte-for-byte what it was: same title, same hash, same authorities.
    const { amendments: _before, current: _current, ...originalBefore } = before.body as Detail;
    const { amendments, current, ...originalAfter } = detail;
    expect(originalAfter).toEqual(originalBefore);
    expect(originalAfter).toMatchObject({ title: 'Open overflow shelter 1', authorities: [], sequence: 1 });
    expect(amendments).toHaveLength(1);
    expect(amendments[0]).toMatchObject({
      id: amendment.id,
      kind: 'amendment',
      amends: original.id,
      sequence: 4,
      reason: 'The title named the wrong site',
      changes: { title: 'Open overflow shelter at the Digbeth site', authorities: [BIRMINGHAM] },
      authorities: [BIRMINGHAM],
      hash: amendment.hash,
    });
    expect(current).toMatchObject({
      title: 'Open overflow shelter at the Digbeth site',
      decision: 'Decision: Open overflow shelter 1',
    });

    // The amendment is also an entry of the log in its own right.
    const page = (await mayor.get(base)).body as Page;
    expect(page.items.map((item) => [item.sequence, item.kind])).toEqual([
      [1, 'decision'],
      [2, 'decision'],
      [3, 'decision'],
      [4, 'amendment'],
    ]);
    expect(page.items[0]?.hash).toBe(original.hash);
    // The list flags the amended decision and shows how it reads now beside the original, which stays as recorded.
    expect(page.items.map((item) => [item.sequence, item.amendedBy, item.current?.title])).toEqual([
      [1, [4], 'Open overflow shelter at the Digbeth site'],
      [2, undefined, undefined],
      [3, undefined, undefined],
      [4, undefined, undefined],
    ]);
    expect(page.items[0]).toMatchObject({ title: 'Open overflow shelter 1', authorities: [], hash: original.hash });
    const own = await mayor.get(`${base}/${amendment.id}`);
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ kind: 'amendment', amends: original.id });

    // An amendment cannot itself be amended.
    const nested = await regional.post(`${base}/${amendment.id}/amendments`, { reason: 'x', changes: { title: 'y' } });
    expect(nested.status).toBe(422);
  });

  it('refuses an amendment whose corrected record breaks a rule a new decision must keep (422 naming the change), writing nothing', async () => {
    // Its own cell, so the other tests' sequences are untouched.
    const shielding = '/api/v1/cells/shielding/decisions';
    const original = expectStatus<Logged>(await regional.post(shielding, decisionBody('Open a shielding hub')), 201);
    const amend = (changes: Record<string, unknown>) =>
      regional.post(`${shielding}/${original.id}/amendments`, { reason: 'correction', changes });
    const paths = (response: HttpResponse) => ((response.body as Problem).errors ?? []).map((e) => e.path);
    const threeDaysBefore = new Date(Date.now() - 3 * 86_400_000).toISOString();

    const future = await amend({ decidedAt: '2099-01-01T00:00:00.000Z' });
    expectProblem(future, 422, 'rule-violated');
    expect(paths(future)).toEqual(['changes.decidedAt']);
    const late = await amend({ decidedAt: threeDaysBefore });
    expectProblem(late, 422, 'rule-violated');
    expect(paths(late)).toEqual(['changes.delayReason']);
    expect(((await regional.get(shielding)).body as Page).items.map((e) => e.sequence)).toEqual([1]);

    // With a reason for the delay the same correction stands, and a later one is judged with it applied.
    expectStatus(
      await amend({ decidedAt: threeDaysBefore, delayReason: 'Taken at the scene, logged from the paper record' }),
      201,
    );
    const review = await amend({ reviewBy: new Date(Date.now() - 4 * 86_400_000).toISOString() });
    expectProblem(review, 422, 'rule-violated');
    expect(paths(review)).toEqual(['changes.reviewBy']);
    expect((await regional.get(`${shielding}/${original.id}`)).body).toMatchObject({
      current: { decidedAt: threeDaysBefore },
    });
  });

  it('verifies the chain as valid, with the head hash of the last entry', async () => {
    const page = (await mayor.get(base)).body as Page;
    const last = page.items.at(-1);
    for (const client of [mayor, regional, leadHomelessness]) {
      const response = await client.get(`${base}/verify`);
      expect(response.status).toBe(200);
      expect(response.body as Verdict).toEqual({ valid: true, entries: 4, head: last?.hash });
    }
    const food = await regional.get('/api/v1/cells/food/decisions/verify');
    expect(food.body).toMatchObject({ valid: true, entries: 1 });
    const empty = await regional.get('/api/v1/cells/ppe/decisions/verify');
    expect(empty.body).toEqual({ valid: true, entries: 0, head: GENESIS });
  });

  it('exports every entry with its hashes as JSON Lines and as CSV, for the lead and for a regional coordinator', async () => {
    const entries = ((await regional.get(base)).body as Page).items;
    expect(entries).toHaveLength(4);

    for (const client of [leadHomelessness, regional]) {
      const jsonl = await client.get(`${base}/export`);
      expect(jsonl.status).toBe(200);
      expect(jsonl.headers.get('content-type')).toMatch(/^application\/jsonl/);
      expect(jsonl.headers.get('content-disposition')).toContain('decision-log-homelessness.jsonl');
      const lines = jsonl.text.split('\n').filter((line) => line.length > 0);
      const exported = lines.map((line) => JSON.parse(line) as Entry);
      expect(exported).toEqual(entries.map(asStored));

      const csv = await client.get(`${base}/export?format=csv`);
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
      const parsed: unknown = parse(csv.text);
      const [header, ...rows] = parsed as string[][];
      expect(header).toEqual(
        expect.arrayContaining(['sequence', 'id', 'kind', 'amends', 'title', 'hash', 'prevHash', 'entry']),
      );
      const column = (name: string) => header?.indexOf(name) ?? -1;
      expect(rows).toHaveLength(4);
      expect(rows.map((row) => row.length)).toEqual(rows.map(() => header?.length));
      expect(
        rows.map((row) => [
          row[column('sequence')],
          row[column('id')],
          row[column('kind')],
          row[column('hash')],
          row[column('prevHash')],
        ]),
      ).toEqual(entries.map((entry) => [String(entry.sequence), entry.id, entry.kind, entry.hash, entry.prevHash]));
      expect(rows[3]?.[column('amends')]).toBe(entries[3]?.amends);
      expect(rows[0]?.[column('title')]).toBe('Open overflow shelter 1');
      // The `entry` column carries the whole entry, exactly.
      expect(rows.map((row) => JSON.parse(row[column('entry')] ?? 'null') as Entry)).toEqual(entries.map(asStored));
    }
  });

  it('refuses to log or amend for roles that may not write to this cell (403), writing nothing', async () => {
    const before = ((await regional.get(base)).body as Page).items.length;
    const refused: Array<[string, HttpClient]> = [
      ['a member of the cell', await as(['cell-member'], { cells: ['homelessness'] })],
      ['the lead of another cell', leadFood],
      ["the mayor's office", mayor],
      ['an authority officer', await as(['authority-officer'], { authority: BIRMINGHAM })],
      ['an admin', await as(['admin'])],
    ];
    const target = logged[1]?.id ?? '';
    for (const [who, client] of refused) {
      const log = await client.post(base, decisionBody(`Attempt by ${who}`));
      expect({ who, status: log.status }).toEqual({ who, status: 403 });
      expectProblem(log, 403, 'forbidden');
      const amend = await client.post(`${base}/${target}/amendments`, { reason: 'r', changes: { title: 't' } });
      expect({ who, status: amend.status }).toEqual({ who, status: 403 });
    }
    // Writing a sensitive decision needs OFFICIAL-SENSITIVE clearance, even for the cell's lead.
    const sensitive = await leadHomelessness.post(
      base,
      decisionBody('Sensitive without clearance', { marking: 'OFFICIAL-SENSITIVE' }),
    );
    expectProblem(sensitive, 403, 'forbidden');

    expect(((await regional.get(base)).body as Page).items).toHaveLength(before);
    expect((await regional.get(`${base}/verify`)).body).toMatchObject({ valid: true, entries: before });
  });

  it("lets the mayor's office read the log but never write to it or export it", async () => {
    const id = logged[0]?.id ?? '';
    expect((await mayor.get(base)).status).toBe(200);
    expect((await mayor.get(`${base}/${id}`)).status).toBe(200);
    expect((await mayor.get(`${base}/verify`)).status).toBe(200);
    expectProblem(await mayor.post(base, decisionBody('Mayoral decree')), 403, 'forbidden');
    expectProblem(
      await mayor.post(`${base}/${id}/amendments`, { reason: 'r', changes: { title: 't' } }),
      403,
      'forbidden',
    );
    expectProblem(await mayor.get(`${base}/export`), 403, 'forbidden');
    // Other readers who may not export either: a member of the cell and an authority officer.
    expectProblem(
      await (await as(['cell-member'], { cells: ['homelessness'] })).get(`${base}/export`),
      403,
      'forbidden',
    );
    expectProblem(
      await (await as(['authority-officer'], { authority: BIRMINGHAM })).get(`${base}/export?format=csv`),
      403,
      'forbidden',
    );
  });

  it('answers 404 for an unknown cell or decision, and 403 for a reader outside the cell', async () => {
    expectProblem(
      await regional.post('/api/v1/cells/no-such-cell/decisions', decisionBody('Nowhere')),
      404,
      'not-found',
    );
    expectProblem(await regional.get('/api/v1/cells/no-such-cell/decisions'), 404, 'not-found');
    expectProblem(await regional.get(`${base}/00000000-0000-4000-8000-000000000000`), 404, 'not-found');
    // A decision exists, but in another cell: not found under this one.
    const foodEntry = ((await regional.get('/api/v1/cells/food/decisions')).body as Page).items[0];
    expectProblem(await regional.get(`${base}/${foodEntry?.id ?? ''}`), 404, 'not-found');
    // A member of food may not read homelessness's log.
    const foodMember = await as(['cell-member'], { cells: ['food'] });
    expectProblem(await foodMember.get(base), 403, 'forbidden');
  });
});
