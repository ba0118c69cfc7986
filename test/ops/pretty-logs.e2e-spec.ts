import {
  createTestDatabase,
  http,
  mintToken,
  startApi,
  startWorker,
  stopAll,
  uniqueRedisPrefix,
  waitFor,
  type ProcessHandle,
  type TestDatabase,
} from '@muster/testing';

/**
 * LOG_FORMAT=pretty (the default in development): the real api and worker write pino-pretty's layout for
 * people, through the same serializers and redaction as JSON, so no token reaches it.
 */

function capture(proc: ProcessHandle): () => string[] {
  const lines = proc.output.lines();
  proc.output.onLine((line) => lines.push(line));
  return () => lines;
}

describe('readable logs in development', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await stopAll();
    await db?.drop();
  });

  it('lays out the api and worker lines for people, with credentials redacted', async () => {
    const options = {
      databaseUrl: db.url,
      redisPrefix: uniqueRedisPrefix(),
      env: { WORKER_METRICS_PORT: '0', LOG_LEVEL: 'info' },
    };
    // The api as `npm start` runs it (development: pretty unless LOG_FORMAT says), the worker told explicitly.
    const [api, worker] = await Promise.all([
      startApi({ ...options, env: { ...options.env, NODE_ENV: 'development' } }),
      startWorker({ ...options, env: { ...options.env, LOG_FORMAT: 'pretty' } }),
    ]);
    const apiLines = capture(api);
    const workerLines = capture(worker);
    const admin = await mintToken({ sub: 'admin-pretty', name: 'Admin', roles: ['admin'] });

    await fetch(`${api.url}/admin/queues?token=${admin}`, { redirect: 'manual' });
    expect((await http(api.url, admin).get('/api/v1/admin/retention')).status).toBe(200);
    await waitFor(() => apiLines().some((line) => line.includes('route: "/api/v1/admin/retention"')), {
      timeoutMs: 10_000,
      description: 'the api to log the request',
    });

    // pino-pretty's layout: `[HH:MM:ss.mmm] LEVEL: process: message`, its fields indented beneath; no JSON lines.
    expect(apiLines().some((line) => /^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: api: request completed/.test(line))).toBe(true);
    expect(workerLines().some((line) => /^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: worker: worker ready/.test(line))).toBe(true);
    for (const line of [...apiLines(), ...workerLines()])
      expect({ line, json: line.trimStart().startsWith('{"') }).toEqual({ line, json: false });
    expect(apiLines()).toContainEqual(expect.stringContaining('"url": "/admin/queues?token=[redacted]"'));
    expect(apiLines().join('\n')).not.toContain(admin.split('.')[2] ?? admin);
  });
});
