import { spawn } from 'node:child_process';
import * as path from 'node:path';
import {
  REPO_ROOT,
  createTestDatabase,
  freePort,
  readinessBecomes,
  startApi,
  startPostgresServer,
  startRedisOnPort,
  startRedisServer,
  startWorker,
  stopAll,
  stopPortRedis,
  stopPostgresServers,
  stopRedisServers,
  uniqueRedisPrefix,
  type PostgresServer,
  type RedisServer,
  type TestDatabase,
} from '@muster/testing';

/**
 * The worker's health endpoints, on its metrics port, against a PostgreSQL and a redis-server of the file's
 * own: live while the process runs, ready only while both answer, as the api's are. The image's health
 * check (docker/entrypoint.sh health) is run as the container would run it.
 */

interface Ready {
  status: number;
  body: { status: string; checks: Record<string, { status: string }> };
}

async function get(url: string): Promise<Ready> {
  const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
  return { status: response.status, body: (await response.json()) as Ready['body'] };
}

/** `muster health` with the ports of this machine's processes; resolves with its exit code. */
function imageHealthCheck(env: { PORT: number; WORKER_METRICS_PORT: number }): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', [path.join(REPO_ROOT, 'docker/entrypoint.sh'), 'health'], {
      cwd: REPO_ROOT,
      env: {
        PATH: `${path.dirname(process.execPath)}:${process.env['PATH'] ?? ''}`,
        PORT: String(env.PORT),
        WORKER_METRICS_PORT: String(env.WORKER_METRICS_PORT),
      },
      stdio: 'ignore',
    });
    child.on('error', reject);
    child.on('exit', resolve);
  });
}

describe('worker health endpoints', () => {
  let pg: PostgresServer;
  let redis: RedisServer;
  let port: number;
  let closed: number;
  let ops: string;

  beforeAll(async () => {
    [pg, redis] = await Promise.all([startPostgresServer(), startRedisServer()]);
    [port, closed] = await Promise.all([freePort(), freePort()]);
    ops = `http://127.0.0.1:${port}`;
    await startWorker({
      databaseUrl: pg.url,
      redisUrl: redis.url,
      redisPrefix: uniqueRedisPrefix(),
      env: { WORKER_METRICS_PORT: String(port) },
    });
  });

  afterAll(async () => {
    await stopAll();
    await stopPortRedis();
    await stopRedisServers();
    await stopPostgresServers();
  });

  it('answers live and ready while PostgreSQL and Redis answer, and the image health check passes', async () => {
    expect(await get(`${ops}/health/live`)).toEqual({ status: 200, body: { status: 'ok' } });
    expect(await get(`${ops}/health/ready`)).toEqual({
      status: 200,
      body: { status: 'ready', checks: { database: { status: 'up' }, redis: { status: 'up' } } },
    });
    expect(await imageHealthCheck({ PORT: closed, WORKER_METRICS_PORT: port })).toBe(0);
  });

  it('reports not ready, naming Redis, while Redis is unreachable, and ready again once it is back', async () => {
    await redis.stop();
    await readinessBecomes(ops, 503, 10_000);
    const down = await get(`${ops}/health/ready`);
    expect(down.body).toMatchObject({
      status: 'unavailable',
      checks: { database: { status: 'up' }, redis: { status: 'down' } },
    });
    expect((await get(`${ops}/health/live`)).status).toBe(200);
    expect(await imageHealthCheck({ PORT: closed, WORKER_METRICS_PORT: port })).toBe(1);

    await startRedisOnPort(redis.port);
    await readinessBecomes(ops, 200, 15_000);
  });

  it('reports not ready, naming PostgreSQL, while PostgreSQL is unreachable, and ready again once it is back', async () => {
    await pg.stop();
    await readinessBecomes(ops, 503, 10_000);
    const down = await get(`${ops}/health/ready`);
    expect(down.body).toMatchObject({
      status: 'unavailable',
      checks: { database: { status: 'down' }, redis: { status: 'up' } },
    });
    expect((await get(`${ops}/health/live`)).status).toBe(200);
    expect(await imageHealthCheck({ PORT: closed, WORKER_METRICS_PORT: port })).toBe(1);

    await pg.start();
    await readinessBecomes(ops, 200, 15_000);
  });
});

describe('the image health check on the api', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await stopAll();
    await db?.drop();
  });

  it('passes while the api is ready and fails when nothing answers', async () => {
    const api = await startApi({ databaseUrl: db.url, redisPrefix: uniqueRedisPrefix() });
    const closed = await freePort();
    expect(await imageHealthCheck({ PORT: api.port, WORKER_METRICS_PORT: closed })).toBe(0);
    await api.stop();
    expect(await imageHealthCheck({ PORT: api.port, WORKER_METRICS_PORT: closed })).toBe(1);
  });
});
