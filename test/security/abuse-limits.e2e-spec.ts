import { io } from 'socket.io-client';
import {
  connectLive,
  createTestDatabase,
  http,
  mintToken,
  startApi,
  startRedisServer,
  stopAll,
  uniqueRedisPrefix,
  type ApiHandle,
  type HttpResponse,
  type LiveClient,
  type TestDatabase,
} from '@muster/testing';

/**
 * Abuse limits against real processes: request limits per token shared by two api processes through
 * Redis, a limit per client address that binds unauthenticated callers too, operations endpoints
 * exempt, helmet's headers, CORS closed unless an origin is configured, and per-socket bounds on topics
 * and replays. Limits are set low here; the defaults are in the README's configuration table.
 */

const TOKEN_LIMIT = 20;
const ADDRESS_LIMIT = 10;
const TOPICS_PER_SOCKET = 3;
const REPLAYS_PER_SOCKET = 2;
const ALLOWED_ORIGIN = 'https://muster.example.gov.uk';
const OTHER_ORIGIN = 'https://elsewhere.example';
const PROBLEM_JSON = /^application\/problem\+json/;
const AUTHORITIES = '/api/v1/authorities';

interface AckError {
  error?: { code: string; detail: string };
}

function expectTooMany(response: HttpResponse, maxWaitSeconds: number): void {
  expect(response.status).toBe(429);
  expect(response.headers.get('content-type')).toMatch(PROBLEM_JSON);
  expect(response.body).toMatchObject({ code: 'too-many-requests', status: 429 });
  const retryAfter = Number(response.headers.get('retry-after'));
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(maxWaitSeconds);
}

const statuses = (responses: readonly HttpResponse[]) => responses.map((r) => r.status).sort((a, b) => a - b);

describe('abuse limits', () => {
  let db: TestDatabase;
  /** Two processes sharing one Redis prefix: a per-token limit, CORS for one origin, tight socket bounds. */
  let api1: ApiHandle;
  let api2: ApiHandle;
  /** Its own prefix and the defaults for CORS: a per-address limit only. */
  let api3: ApiHandle;
  const opened: LiveClient[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    const shared = {
      databaseUrl: db.url,
      redisPrefix: uniqueRedisPrefix(),
      env: {
        RATE_LIMIT_PER_TOKEN: `${TOKEN_LIMIT}/1m`,
        RATE_LIMIT_PER_ADDRESS: 'off',
        CORS_ORIGINS: ALLOWED_ORIGIN,
        LIVE_TOPICS_PER_SOCKET: String(TOPICS_PER_SOCKET),
        LIVE_REPLAYS_PER_SOCKET: `${REPLAYS_PER_SOCKET}/1m`,
      },
    };
    const addressOnly = {
      databaseUrl: db.url,
      redisPrefix: uniqueRedisPrefix(),
      env: { RATE_LIMIT_PER_TOKEN: 'off', RATE_LIMIT_PER_ADDRESS: `${ADDRESS_LIMIT}/1m` },
    };
    [api1, api2, api3] = await Promise.all([startApi(shared), startApi(shared), startApi(addressOnly)]);
  });

  afterAll(async () => {
    for (const client of opened) client.close();
    await stopAll();
    await db?.drop();
  });

  describe('HTTP request limits', () => {
    it('refuses a burst over the per-token limit with 429, Retry-After and problem+json, counted across both api processes', async () => {
      const token = await mintToken({ roles: ['regional-coordinator'] });
      const half = (TOKEN_LIMIT + 10) / 2;
      const burst = (api: ApiHandle) =>
        Promise.all(Array.from({ length: half }, () => http(api.url, token).get(AUTHORITIES)));
      // Half the burst to each process: alone, each would stay within the limit.
      const first = await burst(api1);
      expect(statuses(first)).toEqual(Array<number>(half).fill(200));
      const second = await burst(api2);
      expect(statuses(second)).toEqual([
        ...Array<number>(TOKEN_LIMIT - half).fill(200),
        ...Array<number>(10).fill(429),
      ]);
      const refused = second.filter((r) => r.status === 429);
      for (const response of refused) expectTooMany(response, 60);

      const other = await mintToken({ roles: ['regional-coordinator'] });
      for (const api of [api1, api2]) expect((await http(api.url, other).get(AUTHORITIES)).status).toBe(200);
    });

    it('does not charge a token for requests whose signature fails', async () => {
      const victim = 'victim-of-forgery';
      const forged = await mintToken({ sub: victim, roles: ['regional-coordinator'] }, { secret: 'x'.repeat(48) });
      const forgeries = await Promise.all(
        Array.from({ length: TOKEN_LIMIT + 5 }, () => http(api1.url, forged).get(AUTHORITIES)),
      );
      expect(new Set(forgeries.map((r) => r.status))).toEqual(new Set([401]));
      const genuine = await mintToken({ sub: victim, roles: ['regional-coordinator'] });
      expect((await http(api2.url, genuine).get(AUTHORITIES)).status).toBe(200);
    });

    it('applies the per-address limit to unauthenticated requests, and then to every request from that address', async () => {
      const anonymous = await Promise.all(
        Array.from({ length: ADDRESS_LIMIT + 3 }, () => http(api3.url).get(AUTHORITIES)),
      );
      expect(statuses(anonymous)).toEqual([...Array<number>(ADDRESS_LIMIT).fill(401), ...Array<number>(3).fill(429)]);
      for (const response of anonymous.filter((r) => r.status === 429)) expectTooMany(response, 60);
      const token = await mintToken({ roles: ['regional-coordinator'] });
      expectTooMany(await http(api3.url, token).get(AUTHORITIES), 60);
    });

    it('fails open within a bound when Redis is away: requests keep being served, never a 500 or a hang', async () => {
      const redis = await startRedisServer();
      const api = await startApi({
        databaseUrl: db.url,
        redisUrl: redis.url,
        redisPrefix: uniqueRedisPrefix(),
        env: { RATE_LIMIT_PER_TOKEN: '3/1m', RATE_LIMIT_PER_ADDRESS: '3/1m' },
      });
      const token = await mintToken({ roles: ['regional-coordinator'] });
      const client = http(api.url, token);
      for (let i = 0; i < 3; i++) expect((await client.get(AUTHORITIES)).status).toBe(200);
      expectTooMany(await client.get(AUTHORITIES), 60);

      await redis.stop();
      const BOUND_MS = 1_500;
      for (let i = 0; i < 10; i++) {
        const startedAt = Date.now();
        const response = await client.get(AUTHORITIES);
        expect(response.status).toBe(200);
        expect(Date.now() - startedAt).toBeLessThan(BOUND_MS);
      }
      await api.stop();
    });

    it('never limits the operations endpoints', async () => {
      // api3's address allowance is spent by the test above; run alone, this spends it first.
      await Promise.all(Array.from({ length: ADDRESS_LIMIT + 1 }, () => http(api3.url).get(AUTHORITIES)));
      for (const path of ['/health/live', '/health/ready', '/metrics']) {
        const responses = await Promise.all(Array.from({ length: ADDRESS_LIMIT * 2 }, () => http(api3.url).get(path)));
        expect(new Set(responses.map((r) => r.status))).toEqual(new Set([200]));
      }
    });
  });

  describe('security headers', () => {
    it('puts helmet headers and a closed content security policy on JSON and problem responses', async () => {
      const token = await mintToken({ roles: ['regional-coordinator'] });
      for (const response of [await http(api1.url, token).get(AUTHORITIES), await http(api1.url).get(AUTHORITIES)]) {
        expect(response.headers.get('x-content-type-options')).toBe('nosniff');
        expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
        expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
        expect(response.headers.get('referrer-policy')).toBe('no-referrer');
        expect(response.headers.get('content-security-policy')).toMatch(/default-src 'none'.*frame-ancestors 'none'/);
        expect(response.headers.get('x-powered-by')).toBeNull();
      }
    });

    it('lets Swagger UI and the queue dashboard run under their own policies', async () => {
      const docs = await fetch(`${api1.url}/docs`);
      expect(docs.status).toBe(200);
      expect(await docs.text()).toContain('swagger-ui-bundle.js');
      expect(docs.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
      const docsScript = await fetch(`${api1.url}/docs/swagger-ui-init.js`);
      expect(docsScript.status).toBe(200);
      expect(docsScript.headers.get('x-content-type-options')).toBe('nosniff');

      const admin = await mintToken({ roles: ['admin'] });
      const board = await fetch(`${api1.url}/admin/queues`, { headers: { authorization: `Bearer ${admin}` } });
      expect(board.status).toBe(200);
      expect(await board.text()).toContain('__UI_CONFIG__');
      expect(board.headers.get('content-security-policy')).toMatch(
        /style-src 'self' 'unsafe-inline' https:\/\/fonts.googleapis.com/,
      );
    });
  });

  describe('CORS', () => {
    const preflight = (url: string, origin: string) =>
      fetch(`${url}/api/v1/decisions`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
        },
      });

    it('sends no CORS headers by default, preflight included', async () => {
      const token = await mintToken({ roles: ['regional-coordinator'] });
      const simple = await http(api3.url, token).get('/health/live', { origin: ALLOWED_ORIGIN });
      expect(simple.headers.get('access-control-allow-origin')).toBeNull();
      const options = await preflight(api3.url, ALLOWED_ORIGIN);
      expect(options.headers.get('access-control-allow-origin')).toBeNull();
      expect(options.headers.get('access-control-allow-methods')).toBeNull();
    });

    it('allows exactly a configured origin, preflight included', async () => {
      const token = await mintToken({ roles: ['regional-coordinator'] });
      const allowed = await http(api1.url, token).get(AUTHORITIES, { origin: ALLOWED_ORIGIN });
      expect(allowed.status).toBe(200);
      expect(allowed.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
      expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
      const other = await http(api1.url, token).get(AUTHORITIES, { origin: OTHER_ORIGIN });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();

      const options = await preflight(api1.url, ALLOWED_ORIGIN);
      expect(options.status).toBe(204);
      expect(options.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
      expect(options.headers.get('access-control-allow-methods')).toContain('POST');
      expect(options.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
      expect((await preflight(api1.url, OTHER_ORIGIN)).headers.get('access-control-allow-origin')).toBeNull();
    });

    it('refuses a socket handshake from an origin that is not configured', async () => {
      const token = await mintToken({ roles: ['regional-coordinator'] });
      const attempt = (url: string, origin: string) =>
        new Promise<string>((resolve) => {
          const socket = io(`${url}/live`, {
            auth: { token },
            transports: ['websocket'],
            forceNew: true,
            reconnection: false,
            extraHeaders: { origin },
          });
          const done = (outcome: string) => {
            socket.close();
            resolve(outcome);
          };
          socket.on('connect', () => done('connected'));
          socket.on('connect_error', () => done('refused'));
        });
      expect(await attempt(api3.url, ALLOWED_ORIGIN)).toBe('refused');
      expect(await attempt(api1.url, OTHER_ORIGIN)).toBe('refused');
      expect(await attempt(api1.url, ALLOWED_ORIGIN)).toBe('connected');
    });
  });

  describe('socket bounds per connection', () => {
    const connect = async (api: ApiHandle): Promise<LiveClient> => {
      const client = await connectLive(api.url, await mintToken({ roles: ['regional-coordinator'] }), {
        reconnection: false,
      });
      opened.push(client);
      return client;
    };

    it(`refuses joining more than ${TOPICS_PER_SOCKET} topics in the ack`, async () => {
      const client = await connect(api1);
      expect(await client.subscribe({ topics: ['region', 'feed'] })).toMatchObject({ subscribed: ['region', 'feed'] });
      const over = (await client.subscribe({ topics: ['cell:ppe', 'cell:shelter'] })) as unknown as AckError;
      expect(over.error).toMatchObject({ code: 'too-many-requests' });
      // Topics already joined do not count again; the one slot left can still be used.
      expect(await client.subscribe({ topics: ['region', 'cell:ppe'] })).toMatchObject({
        subscribed: ['region', 'cell:ppe'],
      });
      const full = (await client.subscribe({ topics: ['cell:shelter'] })) as unknown as AckError;
      expect(full.error).toMatchObject({ code: 'too-many-requests' });
    });

    it(`refuses more than ${REPLAYS_PER_SOCKET} replays a minute on one socket in the ack, and not on another`, async () => {
      const client = await connect(api2);
      for (let i = 0; i < REPLAYS_PER_SOCKET; i++) {
        expect(await client.subscribe({ topics: ['region'], after: 0 })).toMatchObject({ subscribed: ['region'] });
      }
      const over = (await client.subscribe({ topics: ['region'], after: 0 })) as unknown as AckError;
      expect(over.error).toMatchObject({ code: 'too-many-requests' });
      expect(over.error?.detail).toMatch(/retry after \d+ s/);
      // Subscribing without a replay is not bounded by it.
      expect(await client.subscribe({ topics: ['region'] })).toMatchObject({ subscribed: ['region'] });
      const fresh = await connect(api2);
      expect(await fresh.subscribe({ topics: ['region'], after: 0 })).toMatchObject({ subscribed: ['region'] });
    });
  });
});
