import { Client } from 'pg';
import {
  createTestDatabase,
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
 * Bad input is refused as 400/422 problem+json naming the field, never a 500, and changes nothing: the
 * log, its chain and the journal (what live clients would be sent) stay as they were. Idempotency keys
 * write once, even under concurrent repeats. Bad tokens are 401.
 */

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: Array<{ path: string; message: string }>;
}

interface Logged {
  id: string;
  sequence: number;
  hash: string;
  prevHash: string;
  recordedAt: string;
}

interface Page {
  items: Array<{ id: string; sequence: number; title?: string }>;
  nextAfter: number | null;
}

interface Snapshot {
  entries: number;
  verified: number;
  journal: number;
  idempotency: number;
}

const CELL = 'ppe';
const BASE = `/api/v1/cells/${CELL}/decisions`;
const NIL_UUID = '00000000-0000-4000-8000-000000000000';

const decision = (extra: Record<string, unknown> = {}) =>
  decisionBody('Release the regional PPE reserve', { authorities: [BIRMINGHAM], ...extra });

function without(key: string): Record<string, unknown> {
  const body = decision();
  Reflect.deleteProperty(body, key);
  return body;
}

function problemOf(response: HttpResponse): Problem {
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = response.body as Problem;
  expect(body).toEqual(
    expect.objectContaining({
      type: expect.any(String),
      title: expect.any(String),
      status: response.status,
      detail: expect.any(String),
      code: expect.any(String),
    }),
  );
  return body;
}

describe('bad input, idempotency and authentication', () => {
  let db: TestDatabase;
  let api: ApiHandle;
  let lead: HttpClient;
  let regional: HttpClient;
  let pg: Client;
  let existing: Logged;

  /** What a refused request must leave unchanged. */
  const snapshot = async (): Promise<Snapshot> => {
    const list = await regional.get(`${BASE}?limit=500`);
    const verify = await regional.get(`${BASE}/verify`);
    const journal = await pg.query<{ n: string }>('SELECT count(*) AS n FROM journal');
    const idempotency = await pg.query<{ n: string }>('SELECT count(*) AS n FROM idempotency_record');
    expect(verify.body).toMatchObject({ valid: true });
    return {
      entries: (list.body as Page).items.length,
      verified: (verify.body as { entries: number }).entries,
      journal: Number(journal.rows[0]?.n),
      idempotency: Number(idempotency.rows[0]?.n),
    };
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startApi({ databaseUrl: db.url, redisPrefix: uniqueRedisPrefix() });
    lead = http(api.url, await mintToken({ roles: ['cell-lead'], cells: [CELL] }));
    regional = lead.as(await mintToken({ roles: ['regional-coordinator'] }));
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    const first = await lead.post(BASE, decision({ title: 'Existing decision' }));
    expect(first.status).toBe(201);
    existing = first.body as Logged;
  });

  afterAll(async () => {
    await pg?.end().catch(() => undefined);
    await stopAll();
    await db?.drop();
  });

  describe('refused bodies and parameters change nothing', () => {
    const late = () => new Date(Date.now() - 20 * 60_000).toISOString();
    const long = (n: number) => 'x'.repeat(n);

    /** [what, method, path, body (a string is sent raw as JSON), status, code, paths the errors must name] */
    type Case = [string, 'POST' | 'GET', string | (() => string), unknown, number, string, string[]];
    const cases: Case[] = [
      ['missing title', 'POST', BASE, () => without('title'), 400, 'validation-failed', ['title']],
      ['missing decision', 'POST', BASE, () => without('decision'), 400, 'validation-failed', ['decision']],
      ['missing rationale', 'POST', BASE, () => without('rationale'), 400, 'validation-failed', ['rationale']],
      [
        'missing informationAvailable',
        'POST',
        BASE,
        () => without('informationAvailable'),
        400,
        'validation-failed',
        ['informationAvailable'],
      ],
      ['missing options', 'POST', BASE, () => without('options'), 400, 'validation-failed', ['options']],
      ['missing decidedAt', 'POST', BASE, () => without('decidedAt'), 400, 'validation-failed', ['decidedAt']],
      ['missing marking', 'POST', BASE, () => without('marking'), 400, 'validation-failed', ['marking']],
      [
        'several fields missing at once',
        'POST',
        BASE,
        { title: 'Only a title' },
        400,
        'validation-failed',
        ['decision', 'rationale', 'options', 'decidedAt', 'marking'],
      ],
      ['empty title', 'POST', BASE, () => decision({ title: '' }), 400, 'validation-failed', ['title']],
      ['title too long', 'POST', BASE, () => decision({ title: long(201) }), 400, 'validation-failed', ['title']],
      ['title a number', 'POST', BASE, () => decision({ title: 42 }), 400, 'validation-failed', ['title']],
      ['title null', 'POST', BASE, () => decision({ title: null }), 400, 'validation-failed', ['title']],
      [
        'options not an array',
        'POST',
        BASE,
        () => decision({ options: 'release' }),
        400,
        'validation-failed',
        ['options'],
      ],
      ['options empty', 'POST', BASE, () => decision({ options: [] }), 400, 'validation-failed', ['options']],
      [
        'chosen a string',
        'POST',
        BASE,
        () => decision({ options: [{ option: 'a', chosen: 'true' }] }),
        400,
        'validation-failed',
        ['options.0.chosen'],
      ],
      [
        'decidedAt not a date',
        'POST',
        BASE,
        () => decision({ decidedAt: 'yesterday' }),
        400,
        'validation-failed',
        ['decidedAt'],
      ],
      [
        'decidedAt without a time zone',
        'POST',
        BASE,
        () => decision({ decidedAt: '2026-01-10T10:00:00' }),
        400,
        'validation-failed',
        ['decidedAt'],
      ],
      ['unknown marking', 'POST', BASE, () => decision({ marking: 'SECRET' }), 400, 'validation-failed', ['marking']],
      [
        'authorities not an array',
        'POST',
        BASE,
        () => decision({ authorities: BIRMINGHAM }),
        400,
        'validation-failed',
        ['authorities'],
      ],
      [
        'authority not a GSS code',
        'POST',
        BASE,
        () => decision({ authorities: [BIRMINGHAM, 'Birmingham'] }),
        400,
        'validation-failed',
        ['authorities.1'],
      ],
      [
        'action without owner',
        'POST',
        BASE,
        () => decision({ actions: [{ action: 'Deliver' }] }),
        400,
        'validation-failed',
        ['actions.0.owner'],
      ],
      [
        'unknown extra field',
        'POST',
        BASE,
        () => decision({ priority: 'high' }),
        400,
        'validation-failed',
        ['priority'],
      ],
      [
        'unknown field inside an option',
        'POST',
        BASE,
        () => decision({ options: [{ option: 'a', chosen: true, weight: 3 }] }),
        400,
        'validation-failed',
        ['options.0.weight'],
      ],
      [
        'NUL character in title',
        'POST',
        BASE,
        () => decision({ title: 'Release\u0000reserve' }),
        400,
        'validation-failed',
        ['title'],
      ],
      [
        'NUL character in an option',
        'POST',
        BASE,
        () => decision({ options: [{ option: 'a\u0000', chosen: true }] }),
        400,
        'validation-failed',
        ['options.0.option'],
      ],
      ['malformed JSON', 'POST', BASE, '{"title": "Release the reserve", ', 400, 'malformed-request', []],
      ['JSON array body', 'POST', BASE, '[]', 400, 'validation-failed', []],
      ['JSON null body', 'POST', BASE, 'null', 400, 'validation-failed', []],
      [
        'no chosen option',
        'POST',
        BASE,
        () =>
          decision({
            options: [
              { option: 'a', chosen: false },
              { option: 'b', chosen: false },
            ],
          }),
        422,
        'rule-violated',
        ['options'],
      ],
      [
        '20 minutes late without delayReason',
        'POST',
        BASE,
        () => decision({ decidedAt: late() }),
        422,
        'rule-violated',
        ['delayReason'],
      ],
      [
        'late with a blank delayReason',
        'POST',
        BASE,
        () => decision({ decidedAt: late(), delayReason: '   ' }),
        422,
        'rule-violated',
        ['delayReason'],
      ],
      [
        'decidedAt an hour in the future',
        'POST',
        BASE,
        () => decision({ decidedAt: new Date(Date.now() + 3_600_000).toISOString() }),
        422,
        'rule-violated',
        ['decidedAt'],
      ],
      [
        'unknown authority',
        'POST',
        BASE,
        () => decision({ authorities: [BIRMINGHAM, 'E08999999'] }),
        422,
        'rule-violated',
        ['authorities.1'],
      ],
      [
        'invalid cell slug',
        'POST',
        '/api/v1/cells/Not_A_Cell/decisions',
        () => decision(),
        400,
        'validation-failed',
        ['cell'],
      ],
      ['unknown cell', 'POST', '/api/v1/cells/no-such-cell/decisions', () => decision(), 404, 'not-found', []],
      ['invalid uuid in get', 'GET', `${BASE}/not-a-uuid`, undefined, 400, 'validation-failed', ['id']],
      ['invalid list limit', 'GET', `${BASE}?limit=0`, undefined, 400, 'validation-failed', ['limit']],
      ['negative list after', 'GET', `${BASE}?after=-1`, undefined, 400, 'validation-failed', ['after']],
      ['unknown export format', 'GET', `${BASE}/export?format=xml`, undefined, 400, 'validation-failed', ['format']],
      [
        'invalid uuid in amendment',
        'POST',
        `${BASE}/not-a-uuid/amendments`,
        { reason: 'r', changes: { title: 't' } },
        400,
        'validation-failed',
        ['id'],
      ],
      [
        'amendment of an unknown decision',
        'POST',
        `${BASE}/${NIL_UUID}/amendments`,
        { reason: 'r', changes: { title: 't' } },
        404,
        'not-found',
        [],
      ],
      [
        'amendment without reason',
        'POST',
        () => `${BASE}/${existing.id}/amendments`,
        { changes: { title: 't' } },
        400,
        'validation-failed',
        ['reason'],
      ],
      [
        'amendment of an unknown field',
        'POST',
        () => `${BASE}/${existing.id}/amendments`,
        { reason: 'r', changes: { colour: 'red' } },
        400,
        'validation-failed',
        ['changes.colour'],
      ],
      [
        'amendment changing nothing',
        'POST',
        () => `${BASE}/${existing.id}/amendments`,
        { reason: 'r', changes: {} },
        422,
        'rule-violated',
        ['changes'],
      ],
      [
        'amendment leaving no option chosen',
        'POST',
        () => `${BASE}/${existing.id}/amendments`,
        { reason: 'r', changes: { options: [{ option: 'a', chosen: false }] } },
        422,
        'rule-violated',
        ['changes.options'],
      ],
      [
        'amendment adding an unknown authority',
        'POST',
        () => `${BASE}/${existing.id}/amendments`,
        { reason: 'r', changes: { authorities: ['E08999999'] } },
        422,
        'rule-violated',
        ['changes.authorities.0'],
      ],
    ];

    const send = (method: Case[1], path: Case[2], body: unknown): Promise<HttpResponse> => {
      const url = typeof path === 'function' ? path() : path;
      const payload = typeof body === 'function' ? (body as () => unknown)() : body;
      const headers: Record<string, string> = typeof payload === 'string' ? { 'content-type': 'application/json' } : {};
      return method === 'GET' ? lead.get(url) : lead.post(url, payload, headers);
    };
    const reportedPaths = (response: HttpResponse): string[] =>
      ((response.body as Problem).errors ?? []).map((e) => e.path);

    const title = (c: Case) => `${c[0]} → ${c[4]} ${c[5]}`;
    it.each(cases.map((c) => [title(c), c] as const))(
      '%s',
      async (_name, [, method, path, body, status, code, paths]) => {
        const before = await snapshot();
        const response = await send(method, path, body);
        expect({ status: response.status, body: response.body }).toEqual({
          status,
          body: expect.objectContaining({ code }),
        });
        const problem = problemOf(response);
        for (const error of problem.errors ?? [])
          expect(error).toEqual({ path: expect.any(String), message: expect.any(String) });
        expect(reportedPaths(response)).toEqual(expect.arrayContaining(paths));
        expect(await snapshot()).toEqual(before);
      },
    );

    it('a body over the size limit is 413, a form or plain-text body is a 400, neither is a 500', async () => {
      const before = await snapshot();
      const huge = await lead.post(BASE, decision({ decision: long(300_000) }));
      expect(huge.status).toBe(413);
      expect(problemOf(huge).code).toBe('payload-too-large');
      const text = await lead.post(BASE, 'title=Release', { 'content-type': 'application/x-www-form-urlencoded' });
      expect(text.status).toBe(400);
      problemOf(text);
      const plain = await lead.post(BASE, 'Release the reserve', { 'content-type': 'text/plain' });
      expect(plain.status).toBe(400);
      problemOf(plain);
      expect(await snapshot()).toEqual(before);
    });

    it('the same body 20 minutes late is accepted once it gives a delayReason (the rule, not the body, refused it)', async () => {
      const before = await snapshot();
      const response = await lead.post(
        BASE,
        decision({ decidedAt: late(), delayReason: 'Recorded after the call ended' }),
      );
      expect(response.status).toBe(201);
      expect(await snapshot()).toMatchObject({
        entries: before.entries + 1,
        verified: before.verified + 1,
        journal: before.journal + 1,
      });
    });
  });

  describe('Idempotency-Key', () => {
    it('a repeat with the same key and body returns the first response and writes once', async () => {
      const before = await snapshot();
      const body = decision({ title: 'Idempotent once' });
      const headers = { 'idempotency-key': 'repeat-1' };
      const first = await lead.post(BASE, body, headers);
      expect(first.status).toBe(201);
      expect(first.headers.get('idempotent-replayed')).toBeNull();
      const second = await lead.post(BASE, body, headers);
      expect(second.status).toBe(201);
      expect(second.headers.get('idempotent-replayed')).toBe('true');
      expect(second.body).toEqual(first.body);
      expect(await snapshot()).toEqual({
        entries: before.entries + 1,
        verified: before.verified + 1,
        journal: before.journal + 1,
        idempotency: before.idempotency + 1,
      });
    });

    it('five concurrent identical requests with one key write exactly one entry, and all get the same response', async () => {
      const before = await snapshot();
      const body = decision({ title: 'Idempotent under a race' });
      const headers = { 'idempotency-key': 'race-1' };
      const responses = await Promise.all(Array.from({ length: 5 }, () => lead.post(BASE, body, headers)));
      expect(responses.map((response) => response.status)).toEqual([201, 201, 201, 201, 201]);
      const [first, ...rest] = responses.map((response) => response.body as Logged);
      for (const other of rest) expect(other).toEqual(first);
      expect(responses.filter((response) => response.headers.get('idempotent-replayed') === 'true')).toHaveLength(4);
      const after = await snapshot();
      expect(after).toEqual({
        entries: before.entries + 1,
        verified: before.verified + 1,
        journal: before.journal + 1,
        idempotency: before.idempotency + 1,
      });
      const titles = ((await regional.get(`${BASE}?limit=500`)).body as Page).items.filter(
        (item) => item.title === 'Idempotent under a race',
      );
      expect(titles.map((item) => item.id)).toEqual([first?.id]);
    });

    it('the same key with a different body is 422 idempotency-key-reused and writes nothing', async () => {
      const headers = { 'idempotency-key': 'reused-1' };
      expect((await lead.post(BASE, decision({ title: 'First use' }), headers)).status).toBe(201);
      const before = await snapshot();
      const reused = await lead.post(BASE, decision({ title: 'Second use' }), headers);
      expect(reused.status).toBe(422);
      expect(problemOf(reused).code).toBe('idempotency-key-reused');
      // Also for an amendment posted under a key already used for a decision.
      const elsewhere = await lead.post(
        `${BASE}/${existing.id}/amendments`,
        { reason: 'r', changes: { title: 't' } },
        headers,
      );
      expect(elsewhere.status).toBe(422);
      expect(problemOf(elsewhere).code).toBe('idempotency-key-reused');
      expect(await snapshot()).toEqual(before);
    });

    it('keys belong to their user: another user with the same key and body writes their own entry', async () => {
      const before = await snapshot();
      const body = decision({ title: 'Same key, two people' });
      const headers = { 'idempotency-key': 'shared-key' };
      const mine = await lead.post(BASE, body, headers);
      const theirs = await regional.post(BASE, body, headers);
      expect([mine.status, theirs.status]).toEqual([201, 201]);
      expect(theirs.headers.get('idempotent-replayed')).toBeNull();
      expect((theirs.body as Logged).id).not.toBe((mine.body as Logged).id);
      expect((await snapshot()).entries).toBe(before.entries + 2);
    });

    it('a malformed key is a 400 naming the header; a refused body under a valid key writes nothing', async () => {
      const before = await snapshot();
      const bad = await lead.post(BASE, decision(), { 'idempotency-key': 'has spaces in it' });
      expect(bad.status).toBe(400);
      expect(problemOf(bad).errors?.map((error) => error.path)).toContain('Idempotency-Key');
      expect(await snapshot()).toEqual(before);
      const refused = await lead.post(BASE, decision({ options: [{ option: 'a', chosen: false }] }), {
        'idempotency-key': 'refused-1',
      });
      expect(refused.status).toBe(422);
      expect(problemOf(refused).code).toBe('rule-violated');
      // Whether a refusal is remembered against its key is the api's choice; the log and journal are untouched.
      const { idempotency: _ignored, ...rest } = await snapshot();
      const { idempotency: _before, ...expected } = before;
      expect(rest).toEqual(expected);
    });
  });

  describe('authentication', () => {
    const unauthorised = async (client: HttpClient): Promise<void> => {
      const before = await snapshot();
      for (const response of [
        await client.post(BASE, decision()),
        await client.get(BASE),
        await client.get(`${BASE}/verify`),
      ]) {
        expect(response.status).toBe(401);
        expect(problemOf(response).code).toBe('unauthorized');
        expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
      }
      expect(await snapshot()).toEqual(before);
    };

    it('no token → 401 problem+json', async () => {
      await unauthorised(lead.as(undefined));
    });

    it('a malformed bearer token → 401', async () => {
      await unauthorised(lead.as('not-a-jwt'));
    });

    it('an expired token → 401', async () => {
      await unauthorised(lead.as(await mintToken({ roles: ['regional-coordinator'] }, { expiresIn: '-1m' })));
    });

    it('a token signed with another secret → 401', async () => {
      const forged = await mintToken(
        { roles: ['regional-coordinator'] },
        { secret: 'another-secret-that-is-long-enough-0123456789' },
      );
      await unauthorised(lead.as(forged));
    });

    it('a token for another audience → 401', async () => {
      await unauthorised(lead.as(await mintToken({ roles: ['regional-coordinator'] }, { audience: 'not-muster' })));
    });
  });
});
