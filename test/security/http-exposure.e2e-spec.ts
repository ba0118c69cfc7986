import { request as httpRequest } from 'node:http';
import {
  createTestDatabase,
  expectStatus,
  http,
  mintToken,
  regionDay,
  startApi,
  stopAll,
  uniqueRedisPrefix,
  type ApiHandle,
  type HttpClient,
  type TestDatabase,
} from '@muster/testing';
import { decisionBody } from '@muster/builders';

/**
 * What a response lets escape beyond its reader: links in feeds come from PUBLIC_URL, never from a Host
 * header a client chose; no cache may keep a response carrying one reader's view; the queue dashboard's
 * session cookie is HttpOnly, same-site, Secure outside development, and only ever holds a verified token.
 */

const SENSITIVE = 'OFFICIAL-SENSITIVE';
const PUBLIC_URL = 'https://muster.example.gov.uk/region';
const HOSTILE_HOST = 'attacker.example';
const PROBLEM_JSON = /^application\/problem\+json/;

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** A GET with the Host header set as a client may set it (fetch would not let a test choose it). */
function getWithHost(
  baseUrl: string,
  path: string,
  host: string,
  headers: Record<string, string>,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(new URL(path, baseUrl), { headers: { ...headers, host } }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text }));
    });
    request.on('error', reject);
    request.end();
  });
}

const links = (text: string): string[] =>
  [...text.matchAll(/(?:href="|<id>|<uri>)(https?:\/\/[^"<]+)/g)].map((match) => match[1] ?? '');

describe('what responses let escape', () => {
  let db: TestDatabase;
  let api: ApiHandle;
  let developmentApi: ApiHandle;
  let coordinator: HttpClient;
  let adminToken: string;
  let coordinatorToken: string;
  let decisionId: string;
  const today = regionDay(new Date());

  beforeAll(async () => {
    db = await createTestDatabase();
    const options = { databaseUrl: db.url, redisPrefix: uniqueRedisPrefix() };
    [api, developmentApi] = await Promise.all([
      startApi({ ...options, env: { PUBLIC_URL } }),
      startApi({ ...options, env: { NODE_ENV: 'development' } }),
    ]);
    coordinatorToken = await mintToken({ sub: 'rc-1', roles: ['regional-coordinator'], clearance: SENSITIVE });
    adminToken = await mintToken({ sub: 'admin-1', roles: ['admin'], clearance: SENSITIVE });
    coordinator = http(api.url, coordinatorToken);
    decisionId = expectStatus<{ id: string }>(
      await coordinator.post('/api/v1/cells/ppe/decisions', decisionBody('Open a depot', { marking: SENSITIVE })),
      201,
    ).id;
    expectStatus(await coordinator.post(`/api/v1/feeds/daily/${today}`), 201);
  });

  afterAll(async () => {
    await stopAll();
    await db?.drop();
  });

  it('builds the feeds’ links from PUBLIC_URL whatever Host the request names', async () => {
    const auth = { authorization: `Bearer ${coordinatorToken}` };
    const page = await getWithHost(api.url, `/api/v1/feeds/daily/${today}`, HOSTILE_HOST, {
      ...auth,
      accept: 'text/html',
    });
    const atom = await getWithHost(api.url, '/api/v1/feeds/daily.atom', HOSTILE_HOST, auth);
    for (const response of [page, atom]) {
      expect(response.status).toBe(200);
      expect(response.text).not.toContain(HOSTILE_HOST);
    }
    // Links a person follows lead to the console's pages (a signed-in browser opens them; the API's need a token).
    expect(links(page.text)).toEqual(
      expect.arrayContaining([
        `${PUBLIC_URL}/cells/ppe/decisions/${decisionId}`,
        expect.stringMatching(/^https:\/\/muster\.example\.gov\.uk\/region\/\?at=\d+$/),
      ]),
    );
    expect(links(page.text).every((link) => link.startsWith(`${PUBLIC_URL}/`))).toBe(true);
    expect(atom.text).toContain(`href="${PUBLIC_URL}/feeds/daily/${today}"`);
    expect(atom.text).toContain(`href="${PUBLIC_URL}/api/v1/feeds/daily.atom"`);
  });

  it('tells every cache not to keep an /api/v1 or dashboard response; health and the docs may be kept', async () => {
    const admin = http(api.url, adminToken);
    const from = encodeURIComponent(new Date(Date.now() - 3_600_000).toISOString());
    const responses = {
      list: await coordinator.get('/api/v1/cells/ppe/decisions'),
      item: await coordinator.get(`/api/v1/cells/ppe/decisions/${decisionId}`),
      export: await coordinator.get('/api/v1/cells/ppe/decisions/export'),
      feeds: await coordinator.get('/api/v1/feeds/daily'),
      feed: await coordinator.get(`/api/v1/feeds/daily/${today}`),
      feedPage: await coordinator.get(`/api/v1/feeds/daily/${today}`, { accept: 'text/html' }),
      atom: await coordinator.get('/api/v1/feeds/daily.atom'),
      board: await coordinator.get('/api/v1/board'),
      escalations: await coordinator.get('/api/v1/escalations'),
      audit: await admin.get(`/api/v1/admin/access-audit?from=${from}`),
      written: await coordinator.post('/api/v1/cells/ppe/decisions', decisionBody('Close a depot')),
      unauthenticated: await http(api.url).get('/api/v1/cells'),
      unknown: await coordinator.get('/api/v1/no-such-route'),
      dashboard: await admin.get('/admin/queues'),
      dashboardRefused: await http(api.url).get('/admin/queues'),
    };
    const statuses = Object.fromEntries(Object.entries(responses).map(([name, response]) => [name, response.status]));
    expect(statuses).toEqual({
      ...Object.fromEntries(Object.keys(responses).map((name) => [name, 200])),
      written: 201,
      unauthenticated: 401,
      unknown: 404,
      dashboardRefused: 401,
    });
    const cacheControl = Object.fromEntries(
      Object.entries(responses).map(([name, response]) => [name, response.headers.get('cache-control')]),
    );
    expect(cacheControl).toEqual(Object.fromEntries(Object.keys(responses).map((name) => [name, 'no-store'])));

    for (const path of ['/health/live', '/docs-json']) {
      const response = await http(api.url).get(path);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).not.toBe('no-store');
    }
  });

  describe('the queue dashboard’s cookie', () => {
    const exchange = (baseUrl: string, query: string, headers: Record<string, string> = {}) =>
      fetch(`${baseUrl}/admin/queues?token=${query}`, { redirect: 'manual', headers });

    it.each([
      ['CR/LF after a valid token', '%0d%0aSet-Cookie:%20injected=1'],
      ['a CR/LF pair', '%0d%0a'],
      ['a line feed', '%0a'],
      ['a carriage return', '%0d'],
      ['a space', '%20'],
      ['a NUL', '%00'],
      ['cookie attributes', ';%20Domain=attacker.example'],
    ])('refuses a token with %s (401 problem, no cookie), never a 500', async (_, suffix) => {
      const response = await exchange(api.url, `${adminToken}${suffix}`);
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toMatch(PROBLEM_JSON);
      expect(response.headers.getSetCookie()).toEqual([]);
    });

    it('refuses a token that is not an administrator’s, setting nothing', async () => {
      const response = await exchange(api.url, coordinatorToken);
      expect(response.status).toBe(403);
      expect(response.headers.getSetCookie()).toEqual([]);
    });

    it('exchanges a verified administrator token for an HttpOnly, SameSite=Strict, Secure cookie scoped to the dashboard', async () => {
      const response = await exchange(api.url, `${adminToken}&tab=jobs`);
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe('/admin/queues?tab=jobs');
      const [cookie = '', ...others] = response.headers.getSetCookie();
      expect(others).toEqual([]);
      const [pair, ...attributes] = cookie.split(/;\s*/);
      expect(pair).toBe(`muster_admin=${adminToken}`);
      expect(attributes.map((a) => a.split('=')[0]?.toLowerCase()).sort()).toEqual([
        'expires',
        'httponly',
        'path',
        'samesite',
        'secure',
      ]);
      expect(attributes).toEqual(
        expect.arrayContaining(['Path=/admin/queues', 'HttpOnly', 'SameSite=Strict', 'Secure']),
      );
      const expires = Date.parse(attributes.find((a) => a.startsWith('Expires='))?.slice('Expires='.length) ?? '');
      expect(expires).toBeGreaterThan(Date.now());
      expect(expires).toBeLessThanOrEqual(Date.now() + 3_600_000);

      expect((await fetch(`${api.url}/admin/queues`, { headers: { cookie: pair ?? '' } })).status).toBe(200);
      const tampered = await fetch(`${api.url}/admin/queues`, {
        headers: { cookie: `muster_admin=${adminToken}%0d%0a` },
      });
      expect(tampered.status).toBe(401);
    });

    it('leaves Secure off in development, which may run on plain http', async () => {
      const response = await exchange(developmentApi.url, adminToken);
      expect(response.status).toBe(303);
      const [cookie = ''] = response.headers.getSetCookie();
      expect(cookie).toMatch(/; HttpOnly/);
      expect(cookie).toMatch(/; SameSite=Strict/);
      expect(cookie).not.toMatch(/Secure/i);
    });
  });
});
