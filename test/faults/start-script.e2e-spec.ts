import {
  createTestDatabase,
  freePort,
  isRunning,
  portIsFree,
  startStartScript,
  stopAll,
  uniqueRedisPrefix,
  waitFor,
  type ApiHandle,
  type TestDatabase,
} from '@muster/testing';

/**
 * `npm start` (scripts/start.mjs) runs the api and the worker in process groups of their own, so that a
 * terminal's Ctrl-C reaches only the script, which stops them once. If the script dies without running its
 * handlers (SIGKILL, the OOM killer), the two must not outlive it holding their ports: they stop by
 * themselves, through their graceful shutdown.
 */

const STARTED = /\[start\] (api|worker|dev-idp) started \(pid (\d+)\)/;

describe('npm start and the processes it runs', () => {
  let db: TestDatabase | undefined;
  const children: number[] = [];

  afterAll(async () => {
    // Children that outlived the script (the defect this file is about) are stopped by their own pids.
    for (const pid of children) if (isRunning(pid)) process.kill(pid, 'SIGKILL');
    await stopAll();
    await db?.drop();
  });

  /** `npm start` on the file's database, with its children's pids and the two ports they hold. */
  const launch = async (): Promise<{
    start: ApiHandle;
    pids: number[];
    workerMetricsPort: number;
    idpPort: number;
  }> => {
    db ??= await createTestDatabase();
    const workerMetricsPort = await freePort();
    const start = await startStartScript({
      databaseUrl: db.url,
      redisPrefix: uniqueRedisPrefix(),
      workerMetricsPort,
      // The worker's start-up report of its channels is at info; the inbox page on a free port.
      env: { LOG_LEVEL: 'info', DEV_INBOX_PORT: String(await freePort()) },
    });
    const started = start.output.lines().flatMap((line) => {
      const match = STARTED.exec(line);
      return match ? [{ name: match[1], pid: Number(match[2]) }] : [];
    });
    const pids = started.map((child) => child.pid);
    children.push(...pids);
    expect(started.map((child) => child.name).sort()).toEqual(['api', 'dev-idp', 'worker']);
    expect((await fetch(`${start.url}/health/ready`)).status).toBe(200);
    expect(await portIsFree(start.port)).toBe(false);
    expect(await portIsFree(workerMetricsPort)).toBe(false);
    // The console signs people in at the development sign-in service it started.
    expect(start.output.lines().join('\n')).toContain(
      `Console:   ${start.url}/  (open it in a browser and sign in as any demo person)`,
    );
    // Email goes to the development inbox it runs, and the worker says so at start.
    const inbox = /Inbox: +(http:\/\/127\.0\.0\.1:\d+\/)/.exec(start.output.lines().join('\n'))?.[1];
    expect((await fetch(inbox ?? 'http://127.0.0.1:1/')).status).toBe(200);
    await waitFor(
      () =>
        start.output
          .lines()
          .some((line) => /channel email \(SMTP\): configured, to smtp:\/\/127\.0\.0\.1:\d+/.test(line)),
      {
        description: 'the worker to say email goes to the development inbox',
      },
    );
    const signIn = await fetch(`${start.url}/signin`, { redirect: 'manual' });
    const provider = new URL(signIn.headers.get('location') ?? '');
    expect((await fetch(`${provider.origin}/.well-known/openid-configuration`)).status).toBe(200);
    return { start, pids, workerMetricsPort, idpPort: Number(provider.port) };
  };

  it('stopped as usual (SIGTERM), it stops all three and exits 0 once they have', async () => {
    const { start, pids, workerMetricsPort, idpPort } = await launch();
    expect(await start.stop()).toEqual({ code: 0, signal: null, forced: false });
    expect(pids.filter(isRunning)).toEqual([]);
    expect(await portIsFree(start.port)).toBe(true);
    expect(await portIsFree(workerMetricsPort)).toBe(true);
    expect(await portIsFree(idpPort)).toBe(true);
  });

  it('killed outright (SIGKILL), its api, worker and sign-in service stop by themselves, gracefully, and free their ports', async () => {
    const { start, pids, workerMetricsPort, idpPort } = await launch();
    await start.kill();
    await waitFor(() => pids.every((pid) => !isRunning(pid)), {
      timeoutMs: 20_000,
      intervalMs: 100,
      description: 'the api, the worker and the sign-in service to exit once the script was killed',
    });
    expect(await portIsFree(start.port)).toBe(true);
    expect(await portIsFree(workerMetricsPort)).toBe(true);
    expect(await portIsFree(idpPort)).toBe(true);
    // Through the shutdown hooks, within their bound: each said why it stopped, neither had to be cut short.
    const lines = start.output.lines();
    expect(lines.filter((line) => line.includes('the parent process is gone'))).toHaveLength(3);
    expect(lines.filter((line) => line.includes('shutdown took longer'))).toEqual([]);
  });
});
