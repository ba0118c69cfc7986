import { randomUUID } from 'node:crypto';
import type { Marking, Role } from '@muster/contracts';
import {
  ApiDescription,
  badTokens,
  coverage,
  connectLive,
  createTestDatabase,
  escalationInput,
  http,
  liveConnectError,
  mintToken,
  startApi,
  startWorker,
  unknownRoleToken,
  uniqueRedisPrefix,
  type ApiHandle,
  type BadTokenKind,
  type HttpClient,
  type HttpResponse,
  type LiveClient,
  type TestDatabase,
} from '@muster/testing';
import { BIRMINGHAM, COVENTRY, decisionBody } from '@muster/builders';

/**
 * The access matrix (issue 6, item 2): every route and live topic against every role, cell and authority
 * scope and clearance, with the outcome the contract (docs/contract.md) gives - written out below as data,
 * not derived from the code. Where the api answers otherwise the row's test fails and names the cells.
 * The routes themselves are found in the api's OpenAPI document (/docs-json): a route it documents without a
 * row here (or a row for a route it does not document) fails the suite, and every answer is held to what the
 * document says of it (status, media type, JSON body).
 *
 * Callers (columns), each minted twice: clearance OFFICIAL and OFFICIAL-SENSITIVE.
 *   leadA   cell-lead of the target cell (ppe)        leadB   cell-lead of another cell (food)
 *   memA    cell-member of ppe                        memB    cell-member of food
 *   offA    authority-officer of the target (E08000025, Birmingham)
 *   offB    authority-officer of another authority (E08000026, Coventry)
 *   reg     regional-coordinator    mayor   mayors-office    admin   admin
 *
 * Outcomes (cells):
 *   Y  allowed: the route's success status, whatever the clearance
 *   N  403: the role or scope does not allow it
 *   H  404: the item is sensitive and outside this caller's need to know, whatever the clearance
 *   S  the item is OFFICIAL-SENSITIVE and within the caller's need to know: success when cleared, 404 when not
 *   F  sensitive, within the need to know, but the action is not the caller's: 403 when cleared, 404 when not
 *
 * Rules read from the contract (and two team decisions) that shape the table:
 *   - "may see the cell" = its lead and members, authority officers (any authority: team decision), regional,
 *     admin, mayor's office. A caller refused on the cell named in the path gets 403 there, whatever the item
 *     (the refusal is about the cell and tells nothing about the item).
 *   - need to know for a sensitive item (ppe, E08000025) = cleared AND (regional or admin, lead/member of ppe,
 *     officer of E08000025). The mayor's office is not in that list: a cleared mayor still gets 404.
 *   - OFFICIAL escalations are visible to every role (team decision); an invisible escalation is 404 even for an
 *     action the role could never take (its path names no cell, so a 403 would reveal it exists).
 *   - "holds the current level": a new escalation is at level `cell`, held by the lead of its cell.
 *   - "members" who may ask for a decision include the cell's lead; an officer asks for their own authority.
 *   - "regional" means regional-coordinator (the contract names admin separately where admin may act).
 *   - A valid token with no role Muster knows is 403 everywhere (the api ignores unknown roles); a token that is
 *     absent, expired, wrongly signed, of another audience, `alg: none`, without `sub` or malformed is 401.
 *
 * Writes that change state get a fresh target per caller (a new cell, escalation or decision request), so one
 * success never turns the next into a 409: no 409 is accepted anywhere in the table.
 */

const A = BIRMINGHAM;
const B = COVENTRY;
const SENSITIVE: Marking = 'OFFICIAL-SENSITIVE';

/** People entered by an administrator before the matrix runs: one to read, one holding the shifts handed over. */
const MATRIX_PERSON = 'matrix-person';
const MATRIX_HOLDER = 'matrix-holder';

const CALLERS = ['leadA', 'leadB', 'memA', 'memB', 'offA', 'offB', 'reg', 'mayor', 'admin'] as const;
type Caller = (typeof CALLERS)[number];
type Clearance = 'O' | 'OS';
const CLEARANCES: readonly Clearance[] = ['O', 'OS'];

const IDENTITY: Record<Caller, { roles: Role[]; cells?: string[]; authority?: string }> = {
  leadA: { roles: ['cell-lead'], cells: ['ppe'] },
  leadB: { roles: ['cell-lead'], cells: ['food'] },
  memA: { roles: ['cell-member'], cells: ['ppe'] },
  memB: { roles: ['cell-member'], cells: ['food'] },
  offA: { roles: ['authority-officer'], authority: A },
  offB: { roles: ['authority-officer'], authority: B },
  reg: { roles: ['regional-coordinator'] },
  mayor: { roles: ['mayors-office'] },
  admin: { roles: ['admin'] },
};

type Outcome = 'Y' | 'N' | 'H' | 'S' | 'F';
/** One outcome per caller, in the order of CALLERS. */
type Row = readonly [Outcome, Outcome, Outcome, Outcome, Outcome, Outcome, Outcome, Outcome, Outcome];

interface Req {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
}

interface RouteCase {
  /** The route as the contract writes it, and what the target is. */
  route: string;
  ok: number;
  matrix: Row;
  /** Builds the request for one caller (creating a fresh target first when the route changes state). */
  request: (caller: Caller, clearance: Clearance) => Promise<Req> | Req;
}

function expectedStatus(outcome: Outcome, clearance: Clearance, ok: number): number {
  switch (outcome) {
    case 'Y':
      return ok;
    case 'N':
      return 403;
    case 'H':
      return 404;
    case 'S':
      return clearance === 'OS' ? ok : 404;
    case 'F':
      return clearance === 'OS' ? 403 : 404;
  }
}

const key = (caller: Caller, clearance: Clearance): string => `${caller}/${clearance}`;

function daysAgo(days: number): string {
  return new Date(Date.now() - days * 24 * 3600_000).toISOString().slice(0, 10);
}

/** ISO 8601 week (`2026-W47`) of a `YYYY-MM-DD` day. */
function isoWeek(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

function send(client: HttpClient, req: Req): Promise<HttpResponse> {
  switch (req.method) {
    case 'GET':
      return client.get(req.path, req.headers);
    case 'POST':
      return client.post(req.path, req.body ?? {}, req.headers);
    case 'PUT':
      return client.put(req.path, req.body ?? {}, req.headers);
    case 'PATCH':
      return client.patch(req.path, req.body ?? {}, req.headers);
    case 'DELETE':
      return client.delete(req.path, req.headers);
  }
}

const idOf = (response: HttpResponse): string => {
  const id = (response.body as { id?: unknown }).id;
  if (typeof id !== 'string') throw new Error(`expected an id, got ${response.status} ${response.text}`);
  return id;
};

describe('access matrix: every route, topic, role, scope and clearance', () => {
  let db: TestDatabase;
  let api: ApiHandle;
  const tokens = new Map<string, string>();
  const clients = new Map<string, HttpClient>();
  let description: ApiDescription; // the api's OpenAPI document: where the routes are found
  let root: HttpClient; // cleared regional coordinator: creates the fixtures
  /** Raises escalations for the update and withdraw rows: a person none of the callers is, so none is the raiser. */
  let raiser: HttpClient;

  const date = daysAgo(1);
  const week = isoWeek(date);
  const fixtures = {
    officialDecision: '',
    sensitiveDecision: '',
    officialEscalation: '',
    sensitiveEscalation: '',
    officialRequest: '',
    sensitiveRequest: '',
    /** An OFFICIAL request made for the other authority (B): "may see the cell" includes every officer. */
    officialRequestB: '',
    officialAction: '',
    sensitiveAction: '',
  };

  const as = (caller: Caller, clearance: Clearance): HttpClient => {
    const client = clients.get(key(caller, clearance));
    if (!client) throw new Error(`no client for ${key(caller, clearance)}`);
    return client;
  };

  const expectCreated = async (response: Promise<HttpResponse>, status = 201): Promise<HttpResponse> => {
    const r = await response;
    if (r.status !== status) throw new Error(`fixture: expected ${status}, got ${r.status} ${r.text}`);
    return r;
  };

  // Fresh targets for writes that change state.
  const freshCell = async (): Promise<string> => {
    const slug = `m-${randomUUID().slice(0, 8)}`;
    await expectCreated(root.post('/api/v1/cells', cellBody(slug)));
    return slug;
  };
  const freshActiveCell = async (): Promise<string> => {
    const slug = await freshCell();
    await expectCreated(root.post(`/api/v1/cells/${slug}/activation`, { reason: 'matrix fixture' }), 200);
    return slug;
  };
  const freshEscalation = async (marking: Marking): Promise<string> =>
    idOf(await expectCreated(root.post('/api/v1/escalations', escalationInput({ severity: 'low', marking }))));
  const freshEscalationOfAnother = async (marking: Marking): Promise<string> =>
    idOf(await expectCreated(raiser.post('/api/v1/escalations', escalationInput({ severity: 'low', marking }))));
  const freshRequest = async (marking: Marking, authority = A): Promise<string> =>
    idOf(
      await expectCreated(
        root.post('/api/v1/cells/ppe/decision-requests', {
          question: 'Release the reserve?',
          dueInMinutes: 600,
          marking,
          authority,
        }),
      ),
    );

  /** An action of a fresh ppe decision for E08000025, owned by someone outside Muster (so no caller owns it). */
  const freshAction = async (marking: Marking): Promise<string> => {
    const body = decisionBody(`Actions ${randomUUID().slice(0, 8)}`, {
      marking,
      authorities: [A],
      actions: [
        { action: 'Arrange courier', owner: 'Courier Co', due: new Date(Date.now() + 86_400_000).toISOString() },
      ],
    });
    const decision = idOf(await expectCreated(root.post('/api/v1/cells/ppe/decisions', body)));
    const detail = await expectCreated(root.get(`/api/v1/cells/ppe/decisions/${decision}`), 200);
    const [first] = (detail.body as { actions: Array<{ id?: string }> }).actions;
    if (first?.id === undefined) throw new Error(`fixture: no action id in ${detail.text}`);
    return first.id;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    const options = { databaseUrl: db.url, redisPrefix: uniqueRedisPrefix() };
    [api] = await Promise.all([startApi(options), startWorker(options)]);
    description = await ApiDescription.fetch(api.url);
    await Promise.all(
      CALLERS.flatMap((caller) =>
        CLEARANCES.map(async (clearance) => {
          const token = await mintToken({
            ...IDENTITY[caller],
            name: key(caller, clearance),
            ...(clearance === 'OS' ? { clearance: SENSITIVE } : {}),
          });
          tokens.set(key(caller, clearance), token);
          clients.set(key(caller, clearance), http(api.url, token));
        }),
      ),
    );
    root = as('reg', 'OS');
    for (const sub of [MATRIX_PERSON, MATRIX_HOLDER]) {
      await expectCreated(
        as('admin', 'OS').put(`/api/v1/people/${sub}`, { name: sub, roles: ['regional-coordinator'] }),
        200,
      );
    }
    raiser = http(
      api.url,
      await mintToken({
        sub: 'matrix-raiser',
        name: 'Matrix raiser',
        roles: ['regional-coordinator'],
        clearance: SENSITIVE,
      }),
    );

    const decision = (title: string, marking: Marking) =>
      root.post('/api/v1/cells/ppe/decisions', decisionBody(title, { marking, authorities: [A] }));
    fixtures.officialDecision = idOf(await expectCreated(decision('Matrix official', 'OFFICIAL')));
    fixtures.sensitiveDecision = idOf(await expectCreated(decision('Matrix sensitive', SENSITIVE)));
    [
      fixtures.officialEscalation,
      fixtures.sensitiveEscalation,
      fixtures.officialRequest,
      fixtures.sensitiveRequest,
      fixtures.officialRequestB,
    ] = await Promise.all([
      freshEscalation('OFFICIAL'),
      freshEscalation(SENSITIVE),
      freshRequest('OFFICIAL'),
      freshRequest(SENSITIVE),
      freshRequest('OFFICIAL', B),
    ]);
    [fixtures.officialAction, fixtures.sensitiveAction] = await Promise.all([
      freshAction('OFFICIAL'),
      freshAction(SENSITIVE),
    ]);
    await expectCreated(
      root.put(`/api/v1/cells/ppe/sitreps/${A}/${date}`, { figures: { ffp3_masks_days: 3 }, rag: 'amber' }),
      200,
    );
    await expectCreated(root.post(`/api/v1/feeds/daily/${date}`));
  });

  afterAll(async () => {
    await db?.drop();
  });

  // ---------------------------------------------------------------------------------------------------------
  // The HTTP matrix. Columns:       leadA leadB memA memB offA offB reg mayor admin
  // ---------------------------------------------------------------------------------------------------------
  const ROUTES: RouteCase[] = [
    // reference
    {
      route: 'GET /authorities',
      ok: 200,
      matrix: ['Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y'],
      request: () => ({ method: 'GET', path: '/api/v1/authorities' }),
    },
    {
      route: 'GET /cells',
      ok: 200,
      matrix: ['Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y'],
      request: () => ({ method: 'GET', path: '/api/v1/cells' }),
    },
    {
      route: 'GET /cells/:cell',
      ok: 200,
      matrix: ['Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y'],
      request: () => ({ method: 'GET', path: '/api/v1/cells/ppe' }),
    },
    // cells and governance (fresh cells for the writes)
    {
      route: 'POST /cells',
      ok: 201,
      matrix: ['N', 'N', 'N', 'N', 'N', 'N', 'Y', 'N', 'N'],
      request: () => ({ method: 'POST', path: '/api/v1/cells', body: cellBody(`m-${randomUUID().slice(0, 8)}`) }),
    },
    {
      route: 'POST /cells/:cell/activation (a standby cell)',
      ok: 200,
      matrix: ['N', 'N', 'N', 'N', 'N', 'N', 'Y', 'N', 'N'],
      request: async () => ({
        method: 'POST',
        path: `/api/v1/cells/${await freshCell()}/activation`,
        body: { reason: 'matrix' },
      }),
    },
    {
      route: 'POST /cells/:cell/activation (ppe, as its lead may not)',
      ok: 200,
      // Only the forbidden side is asked of ppe itself: its state stays as it is.
      matrix: ['N', 'N', 'N', 'N', 'N', 'N', 'Y', 'N', 'N'],
      request: async (caller) => ({
        method: 'POST',
        path: `/api/v1/cells/${caller === 'reg' ? await freshCell() : 'ppe'}/activation`,
        body: { reason: 'matrix' },
      }),
    },
    {
      route: 'POST /cells/:cell/stand-down (an active cell)',
      ok: 200,
      matrix: ['N', 'N', 'N', 'N', 'N', 'N', 'Y', 'N', 'N'],
      request: async () => ({
        method: 'POST',
        path: `/api/v1/cells/${await freshActiveCell()}/stand-down`,
        body: { reason: 'matrix', handoverNote: 'handed back to business as usual' },
      }),
    },
    {
      route: 'POST /cells/:cell/standby (a stood-down cell)',
      ok: 200,
      matrix: ['N', 'N', 'N', 'N', 'N', 'N', 'Y', 'N', 'N'],
      request: async () => {
        const slug = await freshActiveCell();
        await expectCreated(root.post(`/api/v1/cells/${slug}/stand-down`, { reason: 'matrix fixture' }), 200);
        return { method: 'POST', path: `/api/v1/cells/${slug}/standby`, body: { reason: 'matrix' } };
      },
    },
    {
      route: 'GET /cells/:cell/handovers',
      ok: 200,
      matrix: ['Y', 'N', 'Y', 'N', 'Y', 'Y', 'Y', 'Y', 'Y'],
      request: () => ({ method: 'GET', path: '/api/v1/cells/ppe/handovers' }),
    },
    // the decision log of ppe
    {
      route: 'POST /cells/:cell/decisions (OFFICIAL)',
      ok: 201,
      matrix: ['Y', 'N', 'N', 'N', 'N', 'N', 'Y', 'N', 'N'],
      request: (caller) => ({
        method: 'POST',
        path: '/api/v1/cells/ppe/decisions',
        body: decisionBody(`Logged by ${caller}`, { authorities: [A] }),
      }),
    },
    {
      route: 'GET /cells/:cell/decisions',
      ok: 200,
      matrix: ['Y', 'N', 'Y', 'N', 'Y', 'Y', 'Y', 'Y', 'Y'],
      request: () => ({ method: 'GET', path: '/api/v1/cells/ppe/decisions' }),
    },
    {
      route: 'GET /cells/:cell/decisions/:id (OFFICIAL)',
      ok: 200,
      matrix: ['Y', 'N', 'Y', 'N', 'Y', 'Y', 'Y', 'Y', 'Y'],
      request: () => ({ method: 'GET', path: `/api/v1/cells/ppe/decisions/${fixtures.officialDecision}` }),
    },
    {
      route: 'GET /cells/:cell/decisions/:id (SENSITIVE, E08000025)',
      ok: 200,
      matrix: ['S', 'N', 'S', 'N', 'S', 'H', 'S', 'H', 'S'],
      request: () => ({ method: 'GET', path: `/api/v1/cells/ppe/decisions/${fixtures.sensitiveDecision}` }),
    },
    {
      route: 'POST /cells/:cell/decisions/:id/amendments (OFFICIAL)',
      ok: 201,
      matrix: ['Y', 'N', 'N', 'N', 'N', 'N', 'Y', 'N', 'N'],
      request: (caller) => ({
        method: 'POST',
        path: `/api/v1/cells/ppe/decisions/${fixtures.officialDecision}/amendments`,
        body: { reason: `correction by ${caller}`, changes: { rationale: `amended by ${caller}` } },
      }),
    },
    {
      route: 'POST /cells/:cell/decisions/:id/amendments (SENSITIVE)',
      ok: 201,
      matrix: ['S', 'N', 'N', 'N', 'N', 'N', 'S', 'N', 'N'],
      request: (caller) => ({
        method: 'POST',
        path: `/api/v1/cells/ppe/decisions/${fixtures.sensitiveDecision}/amendments`,
        body: { reason: `correction by ${caller}`, changes: { rationale: `amended by ${caller}` } },
      }),
    },
    {
      route: 'GET /cells/:cell/decisions/verify',
      ok: 200,
      matrix: ['Y', 'N', 'Y', 'N', 'Y', 'Y', 'Y', 'Y', 'Y'],
      request: () => ({ method: 'GET', path: '/api/v1/cells/ppe/decisions/verify' }),
    },
    {
      route: 'GET /cells/:cell/decisions/export',
      ok: 200,
      matrix: ['Y', 'N', 'N', 'N', 'N', 'N', 'Y', 'N', 'N'],
      request: () => ({ method: 'GET', path: '/api/v1/cells/ppe/decisions/export' }),
    },
    {
      route: 'GET /cells/:cell/decisions/export?format=csv',
      ok: 200,
      matrix: ['Y', 'N', 'N', 'N', 'N', 'N', 'Y', 'N', 'N'],
      request: () => ({ method: 'GET', path: '/api/v1/cells/ppe/decisions/export?format=csv' }),
    },
    // decision requests to ppe
    {
      route: 'POST /cells/:cell/decision-requests (OFFICIAL, own authority)',
      ok: 201,
      matrix: ['Y', 'N', 'Y', 'N', 'Y', 'Y', 'Y', 'N', 'N'],
      request: (caller) => ({
        method: 'POST',
        path: '/api/v1/cells/ppe/decision-requests',
        body: { question: `Asked by ${caller}`, dueInMinutes: 600, marking: 'OFFICIAL' },
      }),
    },
    {
      route: 'POST /cells/:cell/decision-requests/:id/decision (OFFICIAL, fresh request)',
      ok: 201,
      matrix: ['Y', 'N', 'N', 'N', 'N', 'N', 'Y', 'N', 'N'],
      request: async (caller) => ({
        method: 'POST',
        path: `/api/v1/cells/ppe/decision-requests/${await freshRequest('OFFICIAL')}/decision`,
        body: decisionBody(`Answered by ${caller}`, { authorities: [A] }),
      }),
    },
    {
      route: 'POST /cells/:cell/decision-requests/:id/decision (SENSITIVE, fresh request)',
      ok: 201,
      matrix: ['S', 'N', 'F', 'N', 'F', 'H', 'S', 'H', 'F'],
      request: async (caller, clearance) => ({
        method: 'POST',
        path: `/api/v1/cells/ppe/decision-requests/${await freshRequest(SENSITIVE)}/decision`,
        // The answer carries the request's marking (an OFFICIAL answer would name a sensitive request to all).
        body: decisionBody(`Answered by ${caller}/${clearance}`, { authorities: [A], marking: SENSITIVE }),
      }),
    },
    {
      route: 'GET /cells/:cell/decision-requests?status=open',
      ok: 200,
      matrix: ['Y', 'N', 'Y', 'N', 'Y', 'Y', 'Y', 'Y', 'Y'],
      request: () => ({ method: 'GET', path: '/api/v1/cells/ppe/decision-requests?status=open' }),
    },
    {
      route: 'GET /cells/:cell/decision-requests/:id (OFFICIAL, for E08000025; not in the contract, as the list)',
      ok: 200,
      matrix: ['Y', 'N', 'Y', 'N', 'Y', 'Y', 'Y', 'Y', 'Y'],
      request: () => ({ method: 'GET', path: `/api/v1/cells/ppe/decision-requests/${fixtures.officialRequest}` }),
    },
    {
      route: 'GET /cells/:cell/decision-requests/:id (OFFICIAL, for E08000026)',
      ok: 200,
      matrix: ['Y', 'N', 'Y', 'N', 'Y', 'Y', 'Y', 'Y', 'Y'],
      request: () => ({ method: 'GET', path: `/api/v1/cells/ppe/decision-requests/${fixtures.officialRequestB}` }),
    },
    {
      route: 'GET /cells/:cell/decision-requests/:id (SENSITIVE, for E08000025)',
      ok: 200,
      matrix: ['S', 'N', 'S', 'N', 'S', 'H', 'S', 'H', 'S'],
      request: () => ({ method: 'GET', path: `/api/v1/cells/ppe/decision-requests/${fixtures.sensitiveRequest}` }),
    },
    // actions of ppe's decisions (E08000025): seen as their decision is; updated by owner, lead or regional
    {
      route: 'GET /actions',
      ok: 200,
      matrix: ['Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y'],
      request: () => ({ method: 'GET', path: '/api/v1/actions' }),
    },
    {
      route: 'GET /actions?cell=ppe&status=open',
      ok: 200,
      matrix: ['Y', 'N', 'Y', 'N', 'Y', 'Y', 'Y', 'Y', 'Y'],
      request: () => ({ method: 'GET', path: '/api/v1/actions?cell=ppe&status=open' }),
    },
    {
      route: 'GET /actions/:id (OFFICIAL; not in the contract, as the list)',
      ok: 200,
      matrix: ['Y', 'H', 'Y', 'H', 'Y', 'Y', 'Y', 'Y', 'Y'],
      request: () => ({ method: 'GET', path: `/api/v1/actions/${fixtures.officialAction}` }),
    },
    {
      route: 'GET /actions/:id (SENSITIVE)',
      ok: 200,
      matrix: ['S', 'H', 'S', 'H', 'S', 'H', 'S', 'H', 'S'],
      request: () => ({ method: 'GET', path: `/api/v1/actions/${fixtures.sensitiveAction}` }),
    },
    {
      route: 'PATCH /actions/:id (OFFICIAL, fresh, owned by an outsider)',
      ok: 200,
      matrix: ['Y', 'H', 'N', 'H', 'N', 'N', 'Y', 'N', 'N'],
      request: async () => ({
        method: 'PATCH',
        path: `/api/v1/actions/${await freshAction('OFFICIAL')}`,
        body: { status: 'done', note: 'matrix' },
      }),
    },
    {
      route: 'PATCH /actions/:id (SENSITIVE, fresh, owned by an outsider)',
      ok: 200,
      matrix: ['S', 'H', 'F', 'H', 'F', 'H', 'S', 'H', 'F'],
      request: async () => ({
        method: 'PATCH',
        path: `/api/v1/actions/${await freshAction(SENSITIVE)}`,
        body: { status: 'done', note: 'matrix' },
      }),
    },
    // escalations (ppe, E08000025)
    {
      route: 'POST /escalations (OFFICIAL, ppe, E08000025)',
      ok: 201,
      matrix: ['Y', 'N', 'Y', 'N', 'Y', 'N', 'Y', 'N', 'N'],
      request: (caller) => ({
        method: 'POST',
        path: '/api/v1/escalations',
        body: escalationInput({ severity: 'low', title: `Raised by ${caller}` }),
      }),
    },
    {
      route: 'POST /escalations/:id/acknowledge (OFFICIAL, level cell, fresh)',
      ok: 200,
      matrix: ['Y', 'N', 'N', 'N', 'N', 'N', 'N', 'N', 'N'],
      request: async () => ({
        method: 'POST',
        path: `/api/v1/escalations/${await freshEscalation('OFFICIAL')}/acknowledge`,
        body: { note: 'on it' },
      }),
    },
    {
      route: 'POST /escalations/:id/acknowledge (SENSITIVE, level cell, fresh)',
      ok: 200,
      matrix: ['S', 'H', 'F', 'H', 'F', 'H', 'F', 'H', 'F'],
      request: async () => ({
        method: 'POST',
        path: `/api/v1/escalations/${await freshEscalation(SENSITIVE)}/acknowledge`,
        body: { note: 'on it' },
      }),
    },
    {
      route: 'POST /escalations/:id/escalate (OFFICIAL, level cell, fresh)',
      ok: 200,
      matrix: ['Y', 'N', 'N', 'N', 'N', 'N', 'Y', 'N', 'N'],
      request: async () => ({
        method: 'POST',
        path: `/api/v1/escalations/${await freshEscalation('OFFICIAL')}/escalate`,
        body: { reason: 'needs the region' },
      }),
    },
    {
      route: 'POST /escalations/:id/escalate (SENSITIVE, level cell, fresh)',
      ok: 200,
      matrix: ['S', 'H', 'F', 'H', 'F', 'H', 'S', 'H', 'F'],
      request: async () => ({
        method: 'POST',
        path: `/api/v1/escalations/${await freshEscalation(SENSITIVE)}/escalate`,
        body: { reason: 'needs the region' },
      }),
    },
    {
      route: 'POST /escalations/:id/resolve (OFFICIAL, level cell, fresh)',
      ok: 200,
      matrix: ['Y', 'N', 'N', 'N', 'N', 'N', 'Y', 'N', 'N'],
      request: async () => ({
        method: 'POST',
        path: `/api/v1/escalations/${await freshEscalation('OFFICIAL')}/resolve`,
        body: { resolution: 'masks delivered' },
      }),
    },
    {
      route: 'POST /escalations/:id/resolve (SENSITIVE, level cell, fresh)',
      ok: 200,
      matrix: ['S', 'H', 'F', 'H', 'F', 'H', 'S', 'H', 'F'],
      request: async () => ({
        method: 'POST',
        path: `/api/v1/escalations/${await freshEscalation(SENSITIVE)}/resolve`,
        body: { resolution: 'masks delivered' },
      }),
    },
    {
      route: 'POST /escalations/:id/updates (OFFICIAL, level cell, fresh; raised by another)',
      ok: 200,
      matrix: ['Y', 'N', 'N', 'N', 'N', 'N', 'N', 'N', 'N'],
      request: async () => ({
        method: 'POST',
        path: `/api/v1/escalations/${await freshEscalationOfAnother('OFFICIAL')}/updates`,
        body: { note: 'Courier booked', nextUpdateDue: new Date(Date.now() + 3_600_000).toISOString() },
      }),
    },
    {
      route: 'POST /escalations/:id/updates (SENSITIVE, level cell, fresh; raised by another)',
      ok: 200,
      matrix: ['S', 'H', 'F', 'H', 'F', 'H', 'F', 'H', 'F'],
      request: async () => ({
        method: 'POST',
        path: `/api/v1/escalations/${await freshEscalationOfAnother(SENSITIVE)}/updates`,
        body: { note: 'Courier booked' },
      }),
    },
    {
      route: 'POST /escalations/:id/withdraw (OFFICIAL, fresh; raised by another: the raiser alone may)',
      ok: 200,
      matrix: ['N', 'N', 'N', 'N', 'N', 'N', 'N', 'N', 'N'],
      request: async () => ({
        method: 'POST',
        path: `/api/v1/escalations/${await freshEscalationOfAnother('OFFICIAL')}/withdraw`,
        body: { reason: 'Sorted locally' },
      }),
    },
    {
      route: 'POST /escalations/:id/withdraw (SENSITIVE, fresh; raised by another)',
      ok: 200,
      matrix: ['F', 'H', 'F', 'H', 'F', 'H', 'F', 'H', 'F'],
      request: async () => ({
        method: 'POST',
        path: `/api/v1/escalations/${await freshEscalationOfAnother(SENSITIVE)}/withdraw`,
        body: { reason: 'Sorted locally' },
      }),
    },
    {
      route: 'GET /escalations',
      ok: 200,
      matrix: ['Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y'],
      request: () => ({ method: 'GET', path: '/api/v1/escalations?status=open' }),
    },
    {
      route: 'GET /escalations/:id (OFFICIAL)',
      ok: 200,
      matrix: ['Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y'],
      request: () => ({ method: 'GET', path: `/api/v1/escalations/${fixtures.officialEscalation}` }),
    },
    {
      route: 'GET /escalations/:id (SENSITIVE)',
      ok: 200,
      matrix: ['S', 'H', 'S', 'H', 'S', 'H', 'S', 'H', 'S'],
      request: () => ({ method: 'GET', path: `/api/v1/escalations/${fixtures.sensitiveEscalation}` }),
    },
    {
      route: 'GET /escalations/:id/notifications (OFFICIAL)',
      ok: 200,
      matrix: ['Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y'],
      request: () => ({ method: 'GET', path: `/api/v1/escalations/${fixtures.officialEscalation}/notifications` }),
    },
    {
      route: 'GET /escalations/:id/notifications (SENSITIVE)',
      ok: 200,
      matrix: ['S', 'H', 'S', 'H', 'S', 'H', 'S', 'H', 'S'],
      request: () => ({ method: 'GET', path: `/api/v1/escalations/${fixtures.sensitiveEscalation}/notifications` }),
    },
    // sitreps
    {
      route: 'PUT /cells/:cell/sitreps/:authority/:date (E08000025, a day per caller)',
      ok: 200,
      matrix: ['N', 'N', 'N', 'N', 'Y', 'N', 'Y', 'N', 'N'],
      // A day of its own per caller: concurrent resubmissions of one day are not what this row is about.
      request: (caller, clearance) => ({
        method: 'PUT',
        path: `/api/v1/cells/ppe/sitreps/${A}/${daysAgo(2 + CALLERS.indexOf(caller) * 2 + (clearance === 'OS' ? 1 : 0))}`,
        body: { figures: { ffp3_masks_days: 4 }, rag: 'amber' },
      }),
    },
    {
      route: 'GET /cells/:cell/sitreps?date=',
      ok: 200,
      matrix: ['Y', 'N', 'Y', 'N', 'Y', 'Y', 'Y', 'Y', 'Y'],
      request: () => ({ method: 'GET', path: `/api/v1/cells/ppe/sitreps?date=${date}` }),
    },
    // the common picture and the feeds
    {
      route: 'GET /board',
      ok: 200,
      matrix: ['Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y'],
      request: () => ({ method: 'GET', path: '/api/v1/board' }),
    },
    {
      route: 'GET /feeds/daily',
      ok: 200,
      matrix: ['Y', 'Y', 'N', 'N', 'N', 'N', 'Y', 'Y', 'Y'],
      request: () => ({ method: 'GET', path: '/api/v1/feeds/daily' }),
    },
    {
      route: 'GET /feeds/daily/:date',
      ok: 200,
      matrix: ['Y', 'Y', 'N', 'N', 'N', 'N', 'Y', 'Y', 'Y'],
      request: () => ({ method: 'GET', path: `/api/v1/feeds/daily/${date}` }),
    },
    {
      route: 'GET /feeds/daily/:date (Accept: text/html)',
      ok: 200,
      matrix: ['Y', 'Y', 'N', 'N', 'N', 'N', 'Y', 'Y', 'Y'],
      request: () => ({ method: 'GET', path: `/api/v1/feeds/daily/${date}`, headers: { accept: 'text/html' } }),
    },
    {
      route: 'GET /feeds/daily.atom',
      ok: 200,
      matrix: ['Y', 'Y', 'N', 'N', 'N', 'N', 'Y', 'Y', 'Y'],
      request: () => ({ method: 'GET', path: '/api/v1/feeds/daily.atom' }),
    },
    {
      route: 'POST /feeds/daily/:date',
      ok: 201,
      matrix: ['N', 'N', 'N', 'N', 'N', 'N', 'Y', 'N', 'Y'],
      request: () => ({ method: 'POST', path: `/api/v1/feeds/daily/${date}` }),
    },
    {
      route: 'GET /feeds/weekly/:week',
      ok: 200,
      matrix: ['Y', 'Y', 'N', 'N', 'N', 'N', 'Y', 'Y', 'Y'],
      request: () => ({ method: 'GET', path: `/api/v1/feeds/weekly/${week}` }),
    },
    // private feed URLs (contract "Private feed URLs"): made by those who read the feeds, listed and revoked by their owner
    {
      route: 'POST /me/feed-tokens',
      ok: 201,
      matrix: ['Y', 'Y', 'N', 'N', 'N', 'N', 'Y', 'Y', 'Y'],
      request: () => ({ method: 'POST', path: '/api/v1/me/feed-tokens', body: { label: 'access matrix' } }),
    },
    {
      route: 'GET /me/feed-tokens',
      ok: 200,
      matrix: ['Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y'],
      request: () => ({ method: 'GET', path: '/api/v1/me/feed-tokens' }),
    },
    {
      route: 'DELETE /me/feed-tokens/:id (the caller’s own, or for those who may hold none the coordinator’s)',
      ok: 204,
      matrix: ['Y', 'Y', 'H', 'H', 'H', 'H', 'Y', 'Y', 'Y'],
      request: async (caller, clearance) => {
        // Those who read the feeds revoke one they just made; the others try the coordinator's, which is not theirs.
        const owner = ['leadA', 'leadB', 'reg', 'mayor', 'admin'].includes(caller) ? as(caller, clearance) : root;
        const made = await expectCreated(owner.post('/api/v1/me/feed-tokens', { label: `to revoke for ${caller}` }));
        return { method: 'DELETE', path: `/api/v1/me/feed-tokens/${idOf(made)}` };
      },
    },
    // people and rotas (contract "Reaching people off-screen"): the directory for administrators, `/me` for everyone
    {
      route: 'GET /people',
      ok: 200,
      matrix: ['N', 'N', 'N', 'N', 'N', 'N', 'N', 'N', 'Y'],
      request: () => ({ method: 'GET', path: '/api/v1/people' }),
    },
    {
      route: 'GET /people/:sub (someone else)',
      ok: 200,
      matrix: ['N', 'N', 'N', 'N', 'N', 'N', 'N', 'N', 'Y'],
      request: () => ({ method: 'GET', path: `/api/v1/people/${MATRIX_PERSON}` }),
    },
    {
      route: 'PUT /people/:sub (someone not yet signed in, entered with their claims)',
      ok: 200,
      matrix: ['N', 'N', 'N', 'N', 'N', 'N', 'N', 'N', 'Y'],
      request: (caller, clearance) => ({
        method: 'PUT',
        path: `/api/v1/people/matrix-${caller}-${clearance}`,
        body: { name: 'Matrix entrant', roles: ['cell-member'], cells: ['ppe'], email: 'entrant@example.gov.uk' },
      }),
    },
    {
      route: 'GET /me',
      ok: 200,
      matrix: ['Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y'],
      request: () => ({ method: 'GET', path: '/api/v1/me' }),
    },
    {
      route: 'PUT /me',
      ok: 200,
      matrix: ['Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y'],
      request: () => ({ method: 'PUT', path: '/api/v1/me', body: { email: 'me@example.gov.uk' } }),
    },
    {
      route: 'PUT /rotas/:scope',
      ok: 200,
      matrix: ['N', 'N', 'N', 'N', 'N', 'N', 'Y', 'N', 'Y'],
      request: () => ({ method: 'PUT', path: '/api/v1/rotas/national', body: { shifts: [] } }),
    },
    {
      route: 'GET /rotas/:scope (the PPE cell’s)',
      ok: 200,
      matrix: ['Y', 'N', 'Y', 'N', 'N', 'N', 'Y', 'Y', 'Y'],
      request: () => ({ method: 'GET', path: '/api/v1/rotas/ppe' }),
    },
    {
      route: 'POST /rotas/:scope/handover (a shift held by someone else)',
      ok: 200,
      matrix: ['N', 'N', 'N', 'N', 'N', 'N', 'Y', 'N', 'Y'],
      request: async () => {
        const slug = await freshCell();
        const now = Date.now();
        const shift = {
          sub: MATRIX_HOLDER,
          from: new Date(now - 3600_000).toISOString(),
          to: new Date(now + 3600_000).toISOString(),
        };
        await expectCreated(root.put(`/api/v1/rotas/${slug}`, { shifts: [shift] }), 200);
        return { method: 'POST', path: `/api/v1/rotas/${slug}/handover`, body: { to: MATRIX_PERSON } };
      },
    },
    // not in the contract: data protection, for administrators (README, "Data protection")
    {
      route: 'GET /admin/access-audit (not in the contract)',
      ok: 200,
      matrix: ['N', 'N', 'N', 'N', 'N', 'N', 'N', 'N', 'Y'],
      request: () => ({
        method: 'GET',
        path: `/api/v1/admin/access-audit?from=${encodeURIComponent(new Date(Date.now() - 3600_000).toISOString())}`,
      }),
    },
    {
      route: 'GET /admin/retention (not in the contract)',
      ok: 200,
      matrix: ['N', 'N', 'N', 'N', 'N', 'N', 'N', 'N', 'Y'],
      request: () => ({ method: 'GET', path: '/api/v1/admin/retention' }),
    },
    {
      route: 'PUT /admin/retention/:recordType (not in the contract)',
      ok: 200,
      matrix: ['N', 'N', 'N', 'N', 'N', 'N', 'N', 'N', 'Y'],
      request: () => ({
        method: 'PUT',
        path: '/api/v1/admin/retention/sitrep',
        body: { retainDays: 365, legalHold: false, reason: 'access matrix' },
      }),
    },
  ];

  /** Routes the api serves outside its OpenAPI document: bull-board is mounted on Fastify, not a Nest controller. */
  const OUTSIDE_THE_DOCUMENT: RouteCase[] = [
    // not in the contract: bull-board, for administrators
    {
      route: 'GET /admin/queues (not in the contract)',
      ok: 200,
      matrix: ['N', 'N', 'N', 'N', 'N', 'N', 'N', 'N', 'Y'],
      request: () => ({ method: 'GET', path: '/admin/queues' }),
    },
  ];
  const ALL_ROUTES = [...ROUTES, ...OUTSIDE_THE_DOCUMENT];

  /** Operations routes and the problem pages are public: they answer without a token, and a bad token changes nothing. */
  const PUBLIC: Req[] = [
    { method: 'GET', path: '/health/live' },
    { method: 'GET', path: '/health/ready' },
    { method: 'GET', path: '/metrics' },
    { method: 'GET', path: '/problems/not-found' },
    // Served by Swagger UI, outside the document it serves.
    { method: 'GET', path: '/docs' },
    { method: 'GET', path: '/docs-json' },
  ];

  /** What the OpenAPI document does not say of an answer; nothing for the routes it does not describe. */
  const describedBy = (req: Req, response: HttpResponse): string[] =>
    description.reached(req.method, req.path) === undefined
      ? []
      : description.mismatches(req.method, req.path, {
          status: response.status,
          contentType: response.headers.get('content-type') ?? '',
          body: response.body,
        });

  describe('every route the api documents has its row', () => {
    it('each operation that needs a token has a row in the matrix, and each row names an operation the api documents', () => {
      const { uncovered, undocumented } = coverage(
        description,
        ROUTES.map((c) => c.route),
      );
      const secured = new Set(description.operations.filter((o) => !o.public).map((o) => o.key));
      expect({
        withoutRow: uncovered.filter((key) => secured.has(key)),
        rowsForNoDocumentedRoute: undocumented,
      }).toEqual({ withoutRow: [], rowsForNoDocumentedRoute: [] });
    });

    it('each operation that needs no token is in the public list, and nothing else is', () => {
      const reached = PUBLIC.flatMap((r) => description.reached(r.method, r.path)?.key ?? []);
      const rowsOnPublic = ROUTES.filter((c) => description.named(c.route)?.public === true).map((c) => c.route);
      expect({ listed: [...new Set(reached)].sort(), rowsOnPublic }).toEqual({
        listed: description.operations
          .filter((o) => o.public)
          .map((o) => o.key)
          .sort(),
        rowsOnPublic: [],
      });
    });

    it('the routes kept outside the document are not in it', () => {
      expect(
        OUTSIDE_THE_DOCUMENT.map((c) => c.route).filter((route) => description.named(route) !== undefined),
      ).toEqual([]);
    });
  });

  describe('HTTP: role x scope x clearance', () => {
    it.each(ALL_ROUTES.map((c) => [c.route, c] as const))('%s', async (_route, c) => {
      const expected: Record<string, number> = {};
      const actual: Record<string, number | string> = {};
      const undescribed: string[] = [];
      await Promise.all(
        CALLERS.flatMap((caller, column) =>
          CLEARANCES.map(async (clearance) => {
            const outcome = c.matrix[column] as Outcome;
            expected[key(caller, clearance)] = expectedStatus(outcome, clearance, c.ok);
            const req = await c.request(caller, clearance);
            const response = await send(as(caller, clearance), req);
            undescribed.push(...describedBy(req, response));
            const want = expected[key(caller, clearance)];
            // On a mismatch show the problem's detail, so the report says why the api answered as it did.
            actual[key(caller, clearance)] =
              response.status === want ? response.status : `${response.status} ${detailOf(response)}`;
          }),
        ),
      );
      expect(sortKeys(actual)).toEqual(sortKeys(expected));
      // Each answer, success or refusal, is what the OpenAPI document says of it.
      expect([...new Set(undescribed)]).toEqual([]);
    });
  });

  describe('HTTP: need to know inside lists, exports and the board', () => {
    /** Does the response mention the id? Outcome S: listed when cleared, absent when not; H: never; Y: always. */
    const LISTED: { route: string; item: () => string; matrix: Row; request: () => Req }[] = [
      {
        route: 'GET /cells/:cell/decisions - the sensitive decision',
        item: () => fixtures.sensitiveDecision,
        matrix: ['S', 'N', 'S', 'N', 'S', 'H', 'S', 'H', 'S'],
        request: () => ({ method: 'GET', path: '/api/v1/cells/ppe/decisions?limit=500' }),
      },
      {
        route: 'GET /cells/:cell/decisions/export - the sensitive decision',
        item: () => fixtures.sensitiveDecision,
        matrix: ['S', 'N', 'N', 'N', 'N', 'N', 'S', 'N', 'N'],
        request: () => ({ method: 'GET', path: '/api/v1/cells/ppe/decisions/export' }),
      },
      {
        route: 'GET /escalations - the sensitive escalation',
        item: () => fixtures.sensitiveEscalation,
        matrix: ['S', 'H', 'S', 'H', 'S', 'H', 'S', 'H', 'S'],
        request: () => ({ method: 'GET', path: '/api/v1/escalations?limit=500' }),
      },
      {
        route: 'GET /escalations - the OFFICIAL escalation',
        item: () => fixtures.officialEscalation,
        matrix: ['Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y'],
        request: () => ({ method: 'GET', path: '/api/v1/escalations?limit=500' }),
      },
      {
        route: 'GET /cells/:cell/decision-requests - the sensitive request',
        item: () => fixtures.sensitiveRequest,
        matrix: ['S', 'N', 'S', 'N', 'S', 'H', 'S', 'H', 'S'],
        request: () => ({ method: 'GET', path: '/api/v1/cells/ppe/decision-requests?limit=500' }),
      },
      {
        route: 'GET /cells/:cell/decision-requests - the OFFICIAL request for E08000026',
        item: () => fixtures.officialRequestB,
        matrix: ['Y', 'N', 'Y', 'N', 'Y', 'Y', 'Y', 'Y', 'Y'],
        request: () => ({ method: 'GET', path: '/api/v1/cells/ppe/decision-requests?limit=500' }),
      },
      {
        route: 'GET /actions - the sensitive action',
        item: () => fixtures.sensitiveAction,
        matrix: ['S', 'H', 'S', 'H', 'S', 'H', 'S', 'H', 'S'],
        request: () => ({ method: 'GET', path: '/api/v1/actions?limit=500' }),
      },
      {
        route: 'GET /actions - the OFFICIAL action',
        item: () => fixtures.officialAction,
        matrix: ['Y', 'H', 'Y', 'H', 'Y', 'Y', 'Y', 'Y', 'Y'],
        request: () => ({ method: 'GET', path: '/api/v1/actions?limit=500' }),
      },
      {
        route: 'GET /board - the sensitive escalation',
        item: () => fixtures.sensitiveEscalation,
        matrix: ['S', 'H', 'S', 'H', 'S', 'H', 'S', 'H', 'S'],
        request: () => ({ method: 'GET', path: '/api/v1/board' }),
      },
      {
        route: 'GET /board - the sensitive request',
        item: () => fixtures.sensitiveRequest,
        matrix: ['S', 'H', 'S', 'H', 'S', 'H', 'S', 'H', 'S'],
        request: () => ({ method: 'GET', path: '/api/v1/board' }),
      },
    ];

    it.each(LISTED.map((c) => [c.route, c] as const))('%s', async (_route, c) => {
      const expected: Record<string, string> = {};
      const actual: Record<string, string> = {};
      await Promise.all(
        CALLERS.flatMap((caller, column) =>
          CLEARANCES.map(async (clearance) => {
            const outcome = c.matrix[column] as Outcome;
            const k = key(caller, clearance);
            expected[k] =
              outcome === 'N'
                ? 'refused'
                : outcome === 'Y' || (outcome === 'S' && clearance === 'OS')
                  ? 'listed'
                  : 'absent';
            const response = await send(as(caller, clearance), c.request());
            actual[k] =
              response.status === 403
                ? 'refused'
                : response.status !== 200
                  ? `status ${response.status}`
                  : response.text.includes(c.item())
                    ? 'listed'
                    : 'absent';
          }),
        ),
      );
      expect(sortKeys(actual)).toEqual(sortKeys(expected));
    });
  });

  describe('HTTP: tokens', () => {
    let bad: Record<BadTokenKind, string>;
    let noRole: string;
    beforeAll(async () => {
      bad = await badTokens();
      noRole = await unknownRoleToken();
    });

    it.each(ALL_ROUTES.map((c) => [c.route, c] as const))(
      '%s: no, expired, wrongly signed, wrong-audience, alg none, no sub, malformed → 401; unknown roles only → 403',
      async (_route, c) => {
        const req = await c.request('reg', 'OS');
        const expected: Record<string, number> = { 'no token': 401, 'unknown roles only': 403 };
        const actual: Record<string, number | string> = {};
        const undescribed: string[] = [];
        const tryWith = async (label: string, token: string | undefined): Promise<void> => {
          const response = await send(http(api.url, token), req);
          undescribed.push(...describedBy(req, response));
          actual[label] =
            response.status === expected[label] ? response.status : `${response.status} ${detailOf(response)}`;
          if (response.status === 401) expect(response.headers.get('content-type') ?? '').toMatch(/json/);
        };
        const jobs = [tryWith('no token', undefined), tryWith('unknown roles only', noRole)];
        for (const [kind, token] of Object.entries(bad)) {
          expected[kind] = 401;
          jobs.push(tryWith(kind, token));
        }
        await Promise.all(jobs);
        expect(sortKeys(actual)).toEqual(sortKeys(expected));
        expect([...new Set(undescribed)]).toEqual([]);
      },
    );

    it.each(PUBLIC.map((r) => [r.path, r] as const))(
      'public %s answers without a token and with a bad one',
      async (_path, req) => {
        const responses = await Promise.all(
          [undefined, bad.expired, bad['alg-none'], noRole].map((token) => send(http(api.url, token), req)),
        );
        expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200]);
        expect([...new Set(responses.flatMap((r) => describedBy(req, r)))]).toEqual([]);
      },
    );
  });

  describe('live: join matrix, handshake and expiry', () => {
    const TOPICS = ['region', `authority:${A}`, `authority:${B}`, 'cell:ppe', 'cell:food', 'feed'] as const;
    // Columns:                          leadA leadB memA memB offA offB reg mayor admin
    const JOIN: Record<(typeof TOPICS)[number], Row> = {
      region: ['Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y'],
      [`authority:${A}`]: ['N', 'N', 'N', 'N', 'Y', 'N', 'Y', 'Y', 'Y'],
      [`authority:${B}`]: ['N', 'N', 'N', 'N', 'N', 'Y', 'Y', 'Y', 'Y'],
      'cell:ppe': ['Y', 'N', 'Y', 'N', 'N', 'N', 'Y', 'Y', 'Y'],
      'cell:food': ['N', 'Y', 'N', 'Y', 'N', 'N', 'Y', 'Y', 'Y'],
      feed: ['N', 'N', 'N', 'N', 'N', 'N', 'Y', 'Y', 'Y'],
    };
    const opened: LiveClient[] = [];
    afterAll(() => opened.forEach((live) => live.close()));

    it.each(
      CALLERS.flatMap((caller) => CLEARANCES.map((clearance) => [key(caller, clearance), caller, clearance] as const)),
    )('subscribe as %s', async (_label, caller, clearance) => {
      const live = await connectLive(api.url, tokens.get(key(caller, clearance)) ?? '', { reconnection: false });
      opened.push(live);
      const column = CALLERS.indexOf(caller);
      const ack = await live.subscribe({ topics: [...TOPICS, 'nonsense:topic'] });
      const wanted = TOPICS.filter((topic) => JOIN[topic][column] === 'Y');
      expect({
        subscribed: [...ack.subscribed].sort(),
        refused: [...ack.refused].sort((x, y) => x.topic.localeCompare(y.topic)),
      }).toEqual({
        subscribed: [...wanted].sort(),
        refused: [
          ...TOPICS.filter((topic) => JOIN[topic][column] === 'N').map((topic) => ({ topic, reason: 'forbidden' })),
          { topic: 'nonsense:topic', reason: 'unknown-topic' },
        ].sort((x, y) => x.topic.localeCompare(y.topic)),
      });
      live.close();
    });

    it('a valid token with no known role connects but may join nothing', async () => {
      const live = await connectLive(api.url, await unknownRoleToken(), { reconnection: false });
      opened.push(live);
      const ack = await live.subscribe({ topics: [...TOPICS] });
      expect(ack.subscribed).toEqual([]);
      expect(ack.refused.map((r) => r.reason)).toEqual(TOPICS.map(() => 'forbidden'));
      live.close();
    });

    it('bad tokens are refused at the handshake with `unauthorized`', async () => {
      const bad = await badTokens();
      const reasons = Object.fromEntries(
        await Promise.all(
          [...Object.entries(bad), ['empty', ''] as const].map(
            async ([kind, token]) => [kind, await liveConnectError(api.url, token)] as const,
          ),
        ),
      );
      expect(reasons).toEqual(Object.fromEntries([...Object.keys(bad), 'empty'].map((kind) => [kind, 'unauthorized'])));
    });

    it('a socket whose token expires while connected is disconnected', async () => {
      const token = await mintToken({ ...IDENTITY.reg, clearance: SENSITIVE }, { expiresIn: '2s' });
      const live = await connectLive(api.url, token, { reconnection: false });
      opened.push(live);
      expect((await live.subscribe({ topics: ['region'] })).subscribed).toEqual(['region']);
      const started = Date.now();
      const reason = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('still connected 5 s after the token expired')), 7_000);
        live.socket.once('disconnect', (why: string) => {
          clearTimeout(timer);
          resolve(why);
        });
      });
      expect(reason).toBe('io server disconnect');
      expect(Date.now() - started).toBeLessThan(7_000);
      // And it cannot come back with the same token.
      expect(await liveConnectError(api.url, token)).toBe('unauthorized');
    });
  });
});

function cellBody(slug: string): Record<string, unknown> {
  return {
    slug,
    name: `Matrix ${slug}`,
    decisionTimescaleMinutes: 60,
    figures: [{ key: 'beds_free', label: 'Beds free', unit: 'beds', carriesForward: true }],
    thresholds: [{ figure: 'beds_free', direction: 'lower-is-worse', red: 5, amber: 10 }],
  };
}

function detailOf(response: HttpResponse): string {
  const body = response.body;
  if (typeof body === 'object' && body !== null && 'detail' in body) return String(body.detail);
  return response.text.slice(0, 120);
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([x], [y]) => x.localeCompare(y)));
}
