import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { SignJWT } from 'jose';
import { Client } from 'pg';
import {
  ApiDescription,
  connectLive,
  createTestDatabase,
  LiveConnectError,
  liveConnectError,
  mintToken,
  regionDay,
  startApi,
  startWorker,
  stopAll,
  TEST_JWT_SECRET,
  uniqueRedisPrefix,
  type ApiHandle,
  type TestDatabase,
} from '@muster/testing';
import {
  countRows,
  expectBadRequestNaming,
  expectNamed,
  expectProblem,
  FUZZ_RUNS as RUNS,
  FUZZ_SEED as SEED,
  fuzzSettings as settings,
  isBoundedIsoWeek,
  isCalendarDay,
  sendTo,
  sendUnchangedTo,
  type JsonObject,
  type ProbeTarget,
  type Reply,
  type SendOptions,
} from '../support/bad-input';
import { AUTHORITY_CODES, BIRMINGHAM } from '@muster/builders';

/**
 * Guarantee: every value PostgreSQL would refuse is refused at the edge as a 400 naming the field (issue 10,
 * items 1 and 2), and one bad request never fails a valid one that shares its group commit.
 *
 *   - inputs that answered 500: each is now a 400 naming its field and writes nothing;
 *   - query strings and path parameters at their bounds (dates at years 0, 1, 9999 and 10000; ISO weeks at
 *     the ends of the calendar; integers at 2^31 - 1, 2^31, 2^53 and beyond, negative, not numbers, NUL,
 *     lone surrogates, very long): never a 5xx; a value outside the column's range is a 4xx (a 400 names
 *     it), a value inside it is never a 400;
 *   - token claims (`sub`, `name`, `authority`, `cells`) with NUL, lone surrogates, absurd lengths or the
 *     wrong type: a 401 naming the claim on HTTP (nothing written, not even with an Idempotency-Key), and
 *     `unauthorized` at the socket handshake;
 *   - a concurrent burst of bad and valid decisions and sitreps to one cell: every valid one commits (rows
 *     counted in PostgreSQL) and every bad one is a 4xx.
 *
 * Reproduce a failure with the seed it prints: MUSTER_FUZZ_SEED=<seed> (and MUSTER_FUZZ_RUNS=<n> for more).
 */

const BASE = '/api/v1';
const CELL = 'ppe';
const AUTHORITIES = AUTHORITY_CODES;
const AUTHORITY = AUTHORITIES[0] as string;
const PPE_FIGURE = 'ffp3_masks_days';
const INT4_MAX = 2 ** 31 - 1;

const target: ProbeTarget = { url: '', token: '' };
let adminToken = '';
let pg: Client;
let today = '';

const send = (method: string, path: string, opts?: SendOptions): Promise<Reply> => sendTo(target, method, path, opts);
const sendUnchanged = (method: string, path: string, opts?: SendOptions): Promise<Reply> =>
  sendUnchangedTo(pg, target, method, path, opts);

function validDecision(title: string): JsonObject {
  return {
    title,
    decision: 'Release 20,000 FFP3 masks to care homes',
    rationale: 'Three authorities report under two days of stock',
    informationAvailable: 'PPE sitreps',
    options: [{ option: 'Release now', chosen: true }],
    decidedAt: new Date().toISOString(),
    marking: 'OFFICIAL',
  };
}

const validSitrep = (n: number): JsonObject => ({ figures: { [PPE_FIGURE]: n }, narrative: 'Stock steady' });

// ---------------------------------------------------------------------------------------------------------
// Values at their bounds
// ---------------------------------------------------------------------------------------------------------

/** Characters PostgreSQL cannot store, as a query string or path segment carries them. */
const UNSTORABLE_IN_URL = ['%00', 'a%00b', '%ED%A0%80', '%ED%B0%80', '%F0%9F', '%C0%80', '%FF'];

/** Integers written as a client might write them, around every bound a column has. */
const integerText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '0',
    '1',
    '-1',
    '-0',
    '+1',
    '1.0',
    '1.5',
    '1e3',
    '0x10',
    ' 7',
    '',
    'NaN',
    'Infinity',
    'abc',
    '1,2',
    String(INT4_MAX),
    String(INT4_MAX + 1),
    '3000000000',
    String(2 ** 32),
    String(Number.MAX_SAFE_INTEGER),
    String(2 ** 53),
    String(2 ** 53 + 1),
    '9223372036854775807',
    '9223372036854775808',
    '1e400',
    '9'.repeat(400),
    ...UNSTORABLE_IN_URL,
  ),
  fc.integer({ min: -5, max: 5 }).map((d) => String(INT4_MAX + d)),
  fc.integer({ min: -5, max: 5 }).map((d) => String(BigInt(Number.MAX_SAFE_INTEGER) + BigInt(d))),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String),
  fc.integer({ min: 0, max: 600 }).map(String),
);

/** Calendar days at the ends of the years PostgreSQL and ISO strings agree on, and just past them. */
const dateText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '0000-01-01',
    '0000-12-31',
    '0001-01-01',
    '0001-01-02',
    '0099-12-31',
    '0100-02-29',
    '0400-02-29',
    '1900-02-29',
    '2000-02-29',
    '9999-12-31',
    '9999-12-32',
    '10000-01-01',
    '+10000-01-01',
    '-0001-01-01',
    '+002026-11-22',
    '0001-00-01',
    '0001-01-00',
    '2026-11-22T00:00:00Z',
    '2026-1-2',
    '',
    ...UNSTORABLE_IN_URL,
    `2026-11-22%00`,
    'x'.repeat(5_000),
  ),
  fc
    .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
    .map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
);

/** ISO weeks at the ends of the calendar, in years with and without a 53rd week. */
const weekText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '0000-W01',
    '0000-W52',
    '0001-W01',
    '0001-W52',
    '0001-W53',
    '9999-W01',
    '9999-W51',
    '9999-W52',
    '9999-W53',
    '10000-W01',
    '2025-W53',
    '2026-W53',
    '2027-W53',
    '2020-W53',
    '2026-W00',
    '2026-W54',
    '2026-W5',
    '2026W47',
    '',
    ...UNSTORABLE_IN_URL,
  ),
  fc
    .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 54 }))
    .map(([y, w]) => `${String(y).padStart(4, '0')}-W${String(w).padStart(2, '0')}`),
);

/**
 * A path segment the router cannot read (percent-encoding that is not UTF-8, or longer than Fastify's
 * 100-character parameters) is refused before any route knows the parameter's name: a 400 malformed-request.
 */
function routerRefuses(segment: string): boolean {
  if (segment.length > 100) return true;
  try {
    decodeURIComponent(segment);
    return false;
  } catch {
    return true;
  }
}

/** An integer query parameter's range: inside it never a 400, outside it a 4xx naming it. */
const inRange = (min: bigint, max: bigint) => (text: string) =>
  /^\d+$/.test(text) && BigInt(text) >= min && BigInt(text) <= max;

interface BoundedParameter {
  name: string;
  /** A path parameter (else a query parameter). */
  inPath?: boolean;
  values: fc.Arbitrary<string>;
  path: (value: string) => string;
  valid: (value: string) => boolean;
  /** Whose token reads it; the regional coordinator's unless said. */
  token?: () => string;
}

function boundedParameters(): BoundedParameter[] {
  const int = (min: number, max: number) => inRange(BigInt(min), BigInt(max));
  return [
    {
      name: 'after',
      values: integerText,
      path: (v) => `${BASE}/cells/${CELL}/decisions?after=${v}`,
      valid: int(0, INT4_MAX),
    },
    {
      name: 'limit',
      values: integerText,
      path: (v) => `${BASE}/cells/${CELL}/decisions?limit=${v}`,
      valid: int(1, 500),
    },
    {
      name: 'limit',
      values: integerText,
      path: (v) => `${BASE}/cells/${CELL}/decision-requests?limit=${v}`,
      valid: int(1, 500),
    },
    { name: 'limit', values: integerText, path: (v) => `${BASE}/escalations?limit=${v}`, valid: int(1, 500) },
    { name: 'limit', values: integerText, path: (v) => `${BASE}/actions?limit=${v}`, valid: int(1, 500) },
    { name: 'limit', values: integerText, path: (v) => `${BASE}/feeds/daily?limit=${v}`, valid: int(1, 366) },
    {
      name: 'limit',
      values: integerText,
      path: (v) => `${BASE}/people?limit=${v}`,
      valid: int(1, 500),
      token: () => adminToken,
    },
    {
      name: 'version',
      values: integerText,
      path: (v) => `${BASE}/feeds/daily/${today}?version=${v}`,
      valid: int(1, INT4_MAX),
    },
    { name: 'at', values: integerText, path: (v) => `${BASE}/board?at=${v}`, valid: int(0, Number.MAX_SAFE_INTEGER) },
    { name: 'date', values: dateText, path: (v) => `${BASE}/cells/${CELL}/sitreps?date=${v}`, valid: isCalendarDay },
    {
      name: 'date',
      inPath: true,
      values: dateText.filter((v) => v !== ''),
      path: (v) => `${BASE}/feeds/daily/${v}`,
      valid: isCalendarDay,
    },
    {
      name: 'week',
      inPath: true,
      values: weekText.filter((v) => v !== ''),
      path: (v) => `${BASE}/feeds/weekly/${v}`,
      valid: isBoundedIsoWeek,
    },
  ];
}

function expectUnreadablePath(reply: Reply, code: string, what: string): void {
  if (reply.status !== 400 || code !== 'malformed-request')
    throw new Error(`${what}\n  → an unreadable path must be a 400 malformed-request, got ${reply.status} ${code}`);
}

// ---------------------------------------------------------------------------------------------------------
// Token claims
// ---------------------------------------------------------------------------------------------------------

type ClaimName = 'sub' | 'name' | 'authority' | 'cells';

/** Text no column can hold, or too long to be a claim. */
const unstorableText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '\u0000',
    'before\u0000after',
    'lone \uD800 high',
    'lone \uDC00 low',
    'reversed \uDC00\uD800',
    'x'.repeat(3_000),
  ),
  fc
    .tuple(fc.string({ maxLength: 10 }), fc.constantFrom('\u0000', '\uD800', '\uDFFF'), fc.string({ maxLength: 10 }))
    .map(([a, bad, b]) => `${a}${bad}${b}`),
);

const badClaim: Record<ClaimName, fc.Arbitrary<unknown>> = {
  sub: fc.oneof(unstorableText, fc.constantFrom<unknown>('', 42, null, ['a'], { id: 1 })),
  name: fc.oneof(unstorableText, fc.constantFrom<unknown>(42, ['Asha'], { first: 'Asha' })),
  authority: fc.oneof(
    unstorableText,
    fc.constantFrom<unknown>('Birmingham', 'e08000025', 'E08000025 ', 42, [BIRMINGHAM]),
  ),
  cells: fc.oneof(
    unstorableText.map((t) => [t]),
    fc.constantFrom<unknown>(
      'ppe',
      [42],
      ['PPE'],
      ['ppe', null],
      Array.from({ length: 1_000 }, (_, i) => `c${i}`),
    ),
  ),
};

/** A token signed with the test secret whose claims are the valid base with one claim replaced. */
async function tokenWith(claim: ClaimName, value: unknown): Promise<string> {
  const claims: Record<string, unknown> = {
    sub: `claims-${randomUUID()}`,
    name: 'Claims Probe',
    roles: ['regional-coordinator', 'cell-lead', 'authority-officer'],
    authority: AUTHORITY,
    cells: [CELL],
    clearance: 'OFFICIAL-SENSITIVE',
    [claim]: value,
  };
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setAudience('muster')
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(TEST_JWT_SECRET));
}

// ---------------------------------------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------------------------------------

describe(`values at their bounds are refused at the edge (fast-check seed ${SEED}, ${RUNS} runs)`, () => {
  let db: TestDatabase;
  let api: ApiHandle;

  beforeAll(async () => {
    db = await createTestDatabase();
    const redisPrefix = uniqueRedisPrefix();
    // Validation, not abuse limits, is under test here: limits lifted, deadlines long so the worker changes nothing.
    const env = {
      ESCALATION_ACK_SLA: 'critical=24h,high=24h,medium=24h,low=24h',
      RATE_LIMIT_PER_TOKEN: 'off',
      RATE_LIMIT_PER_ADDRESS: 'off',
    };
    api = await startApi({ databaseUrl: db.url, redisPrefix, env });
    await startWorker({ databaseUrl: db.url, redisPrefix, env });
    target.url = api.url;
    target.description = await ApiDescription.fetch(api.url);
    target.token = await mintToken({ roles: ['regional-coordinator'], clearance: 'OFFICIAL-SENSITIVE' });
    adminToken = await mintToken({ roles: ['admin'] });
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    today = regionDay(new Date());
  });

  afterAll(async () => {
    await pg?.end().catch(() => undefined);
    await stopAll();
    await db?.drop();
  });

  describe('inputs that answered 500', () => {
    const decisionAt = (decidedAt: string): JsonObject => ({
      ...validDecision('Out of range'),
      decidedAt,
      delayReason: 'Recorded late',
    });
    const cases: Array<[string, string, string, SendOptions, string]> = [
      ['GET sitreps for day 0000-01-01', 'GET', `${BASE}/cells/${CELL}/sitreps?date=0000-01-01`, {}, 'date'],
      [
        'PUT a sitrep for day 0000-01-01',
        'PUT',
        `${BASE}/cells/${CELL}/sitreps/${AUTHORITY}/0000-01-01`,
        { body: validSitrep(3) },
        'date',
      ],
      ['GET the daily feed of 0000-01-01', 'GET', `${BASE}/feeds/daily/0000-01-01`, {}, 'date'],
      ['POST the daily feed of 0000-01-01', 'POST', `${BASE}/feeds/daily/0000-01-01`, {}, 'date'],
      [
        'POST the daily feed of 0001-01-02 (its carry-forward window reaches year 0)',
        'POST',
        `${BASE}/feeds/daily/0001-01-02`,
        {},
        'date',
      ],
      ['a feed version past int4', 'GET', `${BASE}/feeds/daily/2026-01-01?version=3000000000`, {}, 'version'],
      ['a feed version of 2^31', 'GET', `${BASE}/feeds/daily/2026-01-01?version=2147483648`, {}, 'version'],
      [
        'a decision log page after a sequence past int4',
        'GET',
        `${BASE}/cells/${CELL}/decisions?after=3000000000`,
        {},
        'after',
      ],
      ['the weekly briefing of 9999-W52 (ends in year 10000)', 'GET', `${BASE}/feeds/weekly/9999-W52`, {}, 'week'],
      ['the weekly briefing of 0000-W01', 'GET', `${BASE}/feeds/weekly/0000-W01`, {}, 'week'],
      ['the weekly briefing of 2025-W53 (2025 has 52 weeks)', 'GET', `${BASE}/feeds/weekly/2025-W53`, {}, 'week'],
      ['a very large limit', 'GET', `${BASE}/cells/${CELL}/decisions?limit=${'9'.repeat(400)}`, {}, 'limit'],
      ['a board position beyond any integer', 'GET', `${BASE}/board?at=${'9'.repeat(400)}`, {}, 'at'],
      [
        'a decision-request deadline past year 9999 in UTC',
        'POST',
        `${BASE}/cells/${CELL}/decision-requests`,
        { body: { question: 'Release?', marking: 'OFFICIAL', dueAt: '9999-12-31T23:00:00-05:00' } },
        'dueAt',
      ],
      [
        'a decision taken in year 0',
        'POST',
        `${BASE}/cells/${CELL}/decisions`,
        { body: decisionAt('0000-06-01T10:00:00Z') },
        'decidedAt',
      ],
      [
        'a decision taken in year 0 once in UTC',
        'POST',
        `${BASE}/cells/${CELL}/decisions`,
        { body: decisionAt('0001-01-01T00:30:00+01:00') },
        'decidedAt',
      ],
    ];

    it.each(cases)('%s is a 400 naming the field, and writes nothing', async (what, method, path, opts, field) => {
      const reply = await sendUnchanged(method, path, opts);
      expectBadRequestNaming(reply, [field], `${what}: ${method} ${path}`);
    });

    it.each([
      ['from year 0', 'from=0000-12-31T00:00:00Z&to=0001-01-01T00:00:00Z', 'from'],
      ['to year 10000 once in UTC', 'from=9999-12-01T00:00:00Z&to=9999-12-31T23:00:00-05:00', 'to'],
    ])('an access-audit export %s is a 400 naming the field', async (what, query, field) => {
      const reply = await send('GET', `${BASE}/admin/access-audit?${query}`, { token: adminToken });
      expectBadRequestNaming(reply, [field], `access audit ${what}`);
    });

    it('the bounds themselves are accepted: year 1, year 9999, the last whole week, int4 and 2^53 - 1', async () => {
      const ok = async (path: string, statuses: number[]): Promise<void> => {
        const reply = await send('GET', path);
        if (!statuses.includes(reply.status))
          throw new Error(
            `GET ${path}: expected ${statuses.join(' or ')}, got ${reply.status} ${reply.text.slice(0, 300)}`,
          );
      };
      await ok(`${BASE}/cells/${CELL}/sitreps?date=0001-01-01`, [200]);
      await ok(`${BASE}/cells/${CELL}/sitreps?date=9999-12-31`, [200]);
      await ok(`${BASE}/feeds/daily/9999-12-31`, [404]);
      await ok(`${BASE}/feeds/weekly/0001-W01`, [404]);
      await ok(`${BASE}/feeds/weekly/9999-W51`, [404]);
      await ok(`${BASE}/feeds/weekly/2026-W53`, [404]);
      await ok(`${BASE}/cells/${CELL}/decisions?after=${INT4_MAX}`, [200]);
      await ok(`${BASE}/feeds/daily/2026-01-01?version=${INT4_MAX}`, [404]);
      await ok(`${BASE}/board?at=${Number.MAX_SAFE_INTEGER}`, [200]);
      const due = await send('POST', `${BASE}/cells/${CELL}/decision-requests`, {
        body: { question: 'Release?', marking: 'OFFICIAL', dueAt: '9999-12-31T23:59:59Z' },
      });
      expect(due.status).toBe(201);
    });
  });

  describe('every bounded parameter the api documents is tried here', () => {
    /** Bounded parameters a test of their own tries, rather than a model in boundedParameters(). */
    const DEDICATED: Record<string, string> = {
      'POST /api/v1/feeds/daily/{date} date': 'POST /feeds/daily/:date near the ends of the calendar',
      'PUT /api/v1/cells/{cell}/sitreps/{authority}/{date} date':
        'PUT /cells/:cell/sitreps/:authority/:date: a day outside years 1 to 9999',
      'GET /api/v1/admin/access-audit from': 'an access-audit export from year 0',
      'GET /api/v1/admin/access-audit to': 'an access-audit export to year 10000 once in UTC',
    };
    /** Whole numbers, calendar days, ISO weeks and instants: the parameters whose column has ends. */
    const isBounded = (schema: Record<string, unknown> = {}): boolean =>
      ['integer', 'number'].includes(String(schema['type'])) ||
      ['date', 'date-time'].includes(String(schema['format'])) ||
      ['^\\d{1,20}$', '^\\d{4}-W\\d{2}$'].includes(String(schema['pattern']));

    it('each whole number, day, week and instant a route takes in its path or query has a model or a test of its own, and each model names one', () => {
      const description = target.description;
      if (description === undefined) throw new Error('the OpenAPI document was not read');
      const bounded = description.operations.flatMap((o) =>
        o.parameters.filter((p) => isBounded(p.schema)).map((p) => `${o.key} ${p.name}`),
      );
      const tried = boundedParameters().map(
        (p) => `${description.reached('GET', p.path('1'))?.key ?? `GET ${p.path('1')}`} ${p.name}`,
      );
      expect({
        untried: bounded.filter((b) => !tried.includes(b) && !(b in DEDICATED)),
        triedButNotBounded: [...tried, ...Object.keys(DEDICATED)].filter((t) => !bounded.includes(t)),
      }).toEqual({ untried: [], triedButNotBounded: [] });
    });
  });

  describe('generated query strings and path parameters at their bounds', () => {
    it.each(boundedParameters().map((p) => [p.path('…'), p] as const))(
      '%s: never a 5xx; out of range a 4xx naming it, in range never a 400',
      async (_label, parameter) => {
        await fc.assert(
          fc.asyncProperty(parameter.values, async (value) => {
            const path = parameter.path(value);
            const what = `GET ${path.slice(0, 300)}`;
            const reply = await sendUnchanged('GET', path, { token: parameter.token?.() });
            if (reply.status >= 500) throw new Error(`${what}\n  → ${reply.status}: ${reply.text.slice(0, 600)}`);
            if (parameter.valid(value)) {
              if (reply.status === 400)
                throw new Error(`${what}\n  → a value within range was refused: ${reply.text.slice(0, 600)}`);
              return;
            }
            const problem = expectProblem(reply, what);
            if (parameter.inPath === true && routerRefuses(value)) expectUnreadablePath(reply, problem.code, what);
            else if (reply.status === 400) expectNamed(problem, [parameter.name], what);
          }),
          settings(RUNS + 20),
        );
      },
    );

    it('POST /feeds/daily/:date near the ends of the calendar: never a 5xx, and a 400 names date', async () => {
      const nearTheEnds = fc.oneof(
        dateText.filter((d) => d !== ''),
        // The first 120 days of year 1: a feed's look-back windows reach before them.
        fc
          .integer({ min: 0, max: 119 })
          .map((n) => new Date(Date.parse('0001-01-01T00:00:00Z') + n * 86_400_000).toISOString().slice(0, 10)),
      );
      await fc.assert(
        fc.asyncProperty(nearTheEnds, async (date) => {
          const path = `${BASE}/feeds/daily/${date}`;
          const what = `POST ${path.slice(0, 300)}`;
          const reply = await send('POST', path);
          if (reply.status < 300) return;
          const problem = expectProblem(reply, what);
          if (routerRefuses(date)) expectUnreadablePath(reply, problem.code, what);
          else if (reply.status === 400) expectNamed(problem, ['date'], what);
        }),
        settings(),
      );
    });

    it('PUT /cells/:cell/sitreps/:authority/:date: a day outside years 1 to 9999 is a 4xx naming date and writes nothing', async () => {
      await fc.assert(
        fc.asyncProperty(
          dateText.filter((d) => d !== '' && !isCalendarDay(d)),
          async (date) => {
            const path = `${BASE}/cells/${CELL}/sitreps/${AUTHORITY}/${date}`;
            const reply = await sendUnchanged('PUT', path, { body: validSitrep(2) });
            const what = `PUT ${path.slice(0, 300)}`;
            const problem = expectProblem(reply, what);
            if (routerRefuses(date)) expectUnreadablePath(reply, problem.code, what);
            else if (reply.status === 400) expectNamed(problem, ['date'], what);
          },
        ),
        settings(),
      );
    });
  });

  describe('token claims', () => {
    const claims: ClaimName[] = ['sub', 'name', 'authority', 'cells'];

    it.each(claims)(
      'a token whose %s claim no column can hold is a 401 naming the claim, and writes nothing even with an Idempotency-Key',
      async (claim) => {
        await fc.assert(
          fc.asyncProperty(badClaim[claim], async (value) => {
            const token = await tokenWith(claim, value);
            const what = `${claim} = ${JSON.stringify(value)?.slice(0, 200)}`;
            for (const [method, path, body] of [
              ['GET', `${BASE}/cells`, undefined],
              ['POST', `${BASE}/cells/${CELL}/decisions`, validDecision('Claims probe')],
            ] as const) {
              const headers = method === 'POST' ? { 'idempotency-key': `claims-${randomUUID()}` } : undefined;
              const reply = await sendUnchanged(method, path, { token, body, headers });
              const problem = expectProblem(reply, `${what}: ${method} ${path}`);
              if (reply.status !== 401 || problem.code !== 'unauthorized')
                throw new Error(
                  `${what}: ${method} ${path}\n  → expected 401 unauthorized, got ${reply.status} ${problem.code}`,
                );
              if (!problem.detail.includes(`${claim} claim`))
                throw new Error(
                  `${what}: ${method} ${path}\n  → the 401 does not name the ${claim} claim: ${problem.detail}`,
                );
            }
            const refusal = await liveConnectError(target.url, token);
            expect(refusal).toBe('unauthorized');
          }),
          settings(Math.ceil(RUNS / 2)),
        );
      },
    );

    it('a token that is wrong in another way is told what is wrong, over HTTP and at the /live handshake', async () => {
      const signed = (shape: (jwt: SignJWT) => SignJWT, secret = TEST_JWT_SECRET): Promise<string> =>
        shape(
          new SignJWT({ sub: 'told-1', name: 'Told', roles: ['regional-coordinator'] }).setProtectedHeader({
            alg: 'HS256',
            typ: 'JWT',
          }),
        ).sign(new TextEncoder().encode(secret));
      const cases: Array<[string, string]> = [
        [
          await signed((j) => j.setAudience('not-muster').setExpirationTime('1h')),
          'the token is for another audience (aud)',
        ],
        [await signed((j) => j.setAudience('muster')), 'the token has no exp claim'],
        [await signed((j) => j.setAudience('muster').setExpirationTime('-1m')), 'the token has expired'],
        [
          await signed((j) => j.setAudience('muster').setExpirationTime('2h').setNotBefore('1h')),
          'the token is not valid yet (nbf)',
        ],
        [
          await signed(
            (j) => j.setAudience('muster').setExpirationTime('1h'),
            'another-secret-of-at-least-32-characters',
          ),
          "the token's signature is not valid",
        ],
        ['not-a-jwt', 'the token is not a well-formed JWT'],
      ];
      for (const [token, detail] of cases) {
        const reply = await send('GET', `${BASE}/cells`, { token });
        expect({ detail, status: reply.status, body: reply.body }).toEqual({
          detail,
          status: 401,
          body: expect.objectContaining({ code: 'unauthorized', detail }),
        });
        const refusal: unknown = await connectLive(target.url, token, { reconnection: false }).then(
          (client) => {
            client.close();
            return 'connected';
          },
          (error: unknown) => error,
        );
        expect(refusal).toBeInstanceOf(LiveConnectError);
        expect({ message: (refusal as LiveConnectError).message, data: (refusal as LiveConnectError).data }).toEqual({
          message: 'unauthorized',
          data: { code: 'unauthorized', detail },
        });
      }
    });

    it('claims that are unusual but storable are accepted and round-trip: emoji, right-to-left text, 255-character subjects', async () => {
      for (const [claim, value] of [
        ['name', 'Asha 😷 مرحبا e\u0301'],
        ['sub', 's'.repeat(255)],
        ['name', 'n'.repeat(200)],
      ] as const) {
        const token = await tokenWith(claim, value);
        const posted = await send('POST', `${BASE}/cells/${CELL}/decisions`, {
          token,
          body: validDecision(`Storable ${claim}`),
        });
        expect({ claim, status: posted.status }).toEqual({ claim, status: 201 });
        const { id } = posted.body as { id: string };
        const got = await send('GET', `${BASE}/cells/${CELL}/decisions/${id}`);
        expect((got.body as { recordedBy: Record<string, string> }).recordedBy[claim]).toBe(value);
      }
    });
  });

  describe('a burst mixing bad requests with valid ones to one cell', () => {
    /** What a bad request may be: a body value, a path value or a token claim that no column can hold. */
    const badDecision: fc.Arbitrary<{ label: string; body: JsonObject; token?: () => Promise<string> }> = fc.oneof(
      fc
        .constantFrom('0000-01-01T00:00:00Z', '0001-01-01T00:00:00+01:00', '9999-12-31T23:00:00-05:00')
        .map((decidedAt) => ({
          label: `decidedAt ${decidedAt}`,
          body: { ...validDecision('Bad in a burst'), decidedAt, delayReason: 'Late' },
        })),
      unstorableText.map((text) => ({
        label: `title ${JSON.stringify(text).slice(0, 60)}`,
        body: validDecision(text),
      })),
      fc.constantFrom<ClaimName>('sub', 'name').chain((claim) =>
        unstorableText.map((text) => ({
          label: `${claim} claim ${JSON.stringify(text).slice(0, 60)}`,
          body: validDecision('Bad claim in a burst'),
          token: () => tokenWith(claim, text),
        })),
      ),
    );
    const badSitrepDate = fc.constantFrom('0000-01-01', '0000-12-31', '10000-01-01', '%00', '0001-00-01');

    it('commits every valid decision and sitrep, and answers every bad one with a 4xx', async () => {
      let burst = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.array(badDecision, { minLength: 1, maxLength: 4 }),
          fc.array(badSitrepDate, { minLength: 1, maxLength: 4 }),
          fc.integer({ min: 4, max: 10 }),
          fc.integer({ min: 2, max: 7 }),
          async (badDecisions, badDates, validDecisions, validSitreps) => {
            // A PUT that repeats the latest version records nothing: every run's reports say something new.
            burst += 1;
            const before = await countRows(pg);
            const valid: Array<Promise<Reply>> = [
              ...Array.from({ length: validDecisions }, (_, i) =>
                send('POST', `${BASE}/cells/${CELL}/decisions`, { body: validDecision(`Valid ${i}`) }),
              ),
              ...Array.from({ length: validSitreps }, (_, i) =>
                send(
                  'PUT',
                  `${BASE}/cells/${CELL}/sitreps/${AUTHORITIES[i % AUTHORITIES.length] ?? AUTHORITY}/${today}`,
                  { body: { ...validSitrep(i), narrative: `Stock steady (burst ${burst})` } },
                ),
              ),
            ];
            const bad: Array<[string, Promise<Reply>]> = [
              ...badDecisions.map((b): [string, Promise<Reply>] => [
                b.label,
                (b.token?.() ?? Promise.resolve(undefined)).then((token) =>
                  send('POST', `${BASE}/cells/${CELL}/decisions`, { body: b.body, token }),
                ),
              ]),
              ...badDates.map((date): [string, Promise<Reply>] => [
                `sitrep ${date}`,
                send('PUT', `${BASE}/cells/${CELL}/sitreps/${AUTHORITY}/${date}`, { body: validSitrep(1) }),
              ]),
            ];
            // Interleaved and concurrent, so bad and valid requests reach the same group commit.
            const replies = await Promise.all([...valid, ...bad.map(([, reply]) => reply)]);
            const validReplies = replies.slice(0, valid.length);
            const failed = validReplies.filter((r) => r.status >= 300);
            if (failed.length > 0)
              throw new Error(
                `${failed.length} of ${valid.length} valid requests failed beside ${bad.map(([l]) => l).join('; ')}: ${failed.map((r) => `${r.status} ${r.text.slice(0, 200)}`).join(' | ')}`,
              );
            replies
              .slice(valid.length)
              .forEach((reply, i) => expectProblem(reply, `bad request in a burst: ${bad[i]?.[0] ?? ''}`));
            const after = await countRows(pg);
            expect({
              decisions: after.decision_log_entry - before.decision_log_entry,
              sitreps: after.sitrep - before.sitrep,
            }).toEqual({
              decisions: validDecisions,
              sitreps: validSitreps,
            });
          },
        ),
        settings(Math.ceil(RUNS / 2)),
      );
      const verify = await send('GET', `${BASE}/cells/${CELL}/decisions/verify`);
      expect(verify.body).toMatchObject({ valid: true });
    });
  });

  it('the api is still live and ready after everything above', async () => {
    expect((await send('GET', '/health/live', { token: null })).status).toBe(200);
    expect((await send('GET', '/health/ready', { token: null })).status).toBe(200);
  });
});
