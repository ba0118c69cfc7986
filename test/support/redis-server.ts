import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from './processes/free-port';
import { OutputBuffer } from './processes/output-buffer';

export interface RedisServerOptions {
  /** Default `/usr/bin/redis-server`. */
  binary?: string;
  /** How long to wait for PING to answer; default 10000. */
  readyTimeoutMs?: number;
}

export interface RedisServer {
  /** `redis://127.0.0.1:<port>`, for the `redisUrl` option of startApi/startWorker. */
  readonly url: string;
  readonly port: number;
  readonly pid: number | undefined;
  readonly running: boolean;
  /** FLUSHALL on this server (and only this one): what a Redis restart without persistence looks like. */
  flushAll(): Promise<void>;
  /** Keys matching a glob pattern, by SCAN. */
  keys(pattern: string): Promise<string[]>;
  /** Which of these keys exist, in the order given. */
  exists(keys: readonly string[]): Promise<boolean[]>;
  /** SIGTERM its own pid (SIGKILL after 5 s), then removes its working directory. */
  stop(): Promise<void>;
}

const DEFAULT_BINARY = '/usr/bin/redis-server';

// Stopped by `stopRedisServers()` (jest/after-env.ts) if a test file forgets to.
const runningServers = new Set<RedisServer>();

/** Stops every redis-server this test file started; for `afterAll`. */
export async function stopRedisServers(): Promise<void> {
  const servers = [...runningServers];
  runningServers.clear();
  await Promise.all(servers.map((server) => server.stop()));
}

/**
 * A redis-server of the test's own, on a free port, with no persistence, for tests that wipe or break
 * Redis: never FLUSHALL the machine's shared Redis. Only the pid started here is ever signalled. The
 * child asks the kernel (setpriv --pdeathsig, where available) to be killed if the test runner dies.
 */
export async function startRedisServer(opts: RedisServerOptions = {}): Promise<RedisServer> {
  const binary = opts.binary ?? DEFAULT_BINARY;
  if (!existsSync(binary)) throw new Error(`startRedisServer: ${binary} does not exist (install redis-server)`);
  const dir = await mkdtemp(path.join(tmpdir(), 'muster-redis-'));
  let lastError: unknown;
  // freePort() is free "a moment ago": another process may take it before redis binds; try again then.
  for (let attempt = 1; attempt <= 3; attempt++) {
    const port = await freePort();
    try {
      const server = await launch(binary, port, dir, opts.readyTimeoutMs ?? 10_000);
      runningServers.add(server);
      return server;
    } catch (error) {
      lastError = error;
    }
  }
  await rm(dir, { recursive: true, force: true });
  throw lastError instanceof Error ? lastError : new Error(String(lastError));
}

async function launch(binary: string, port: number, dir: string, readyTimeoutMs: number): Promise<RedisServer> {
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
    '--dir',
    dir,
    '--daemonize',
    'no',
    '--loglevel',
    'warning',
  ];
  const [command, commandArgs] = hasSetprivPdeathsig()
    ? ['setpriv', ['--pdeathsig', 'SIGKILL', binary, ...args]]
    : [binary, args];
  const child: ChildProcess = spawn(command, commandArgs, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = new OutputBuffer(200);
  child.stdout?.on('data', (chunk: Buffer) => output.write('stdout', chunk));
  child.stderr?.on('data', (chunk: Buffer) => output.write('stderr', chunk));
  let exited = false;
  const exit = new Promise<void>((resolve) => {
    child.once('exit', () => {
      exited = true;
      output.end();
      resolve();
    });
    child.once('error', () => {
      exited = true;
      resolve();
    });
  });
  const url = `redis://127.0.0.1:${port}`;

  const started = Date.now();
  for (;;) {
    if (exited) throw new Error(`redis-server on port ${port} exited before it answered:\n${output.tail()}`);
    if (await answers(url)) break;
    if (Date.now() - started > readyTimeoutMs) {
      child.kill('SIGKILL');
      await exit;
      throw new Error(
        `redis-server on port ${port} did not answer PING within ${readyTimeoutMs} ms:\n${output.tail()}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  const withClient = async <T>(fn: (redis: Redis) => Promise<T>): Promise<T> => {
    const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
    redis.on('error', () => undefined);
    await redis.connect();
    try {
      return await fn(redis);
    } finally {
      await redis.quit().catch(() => redis.disconnect());
    }
  };

  let stopping: Promise<void> | undefined;
  const server: RedisServer = {
    url,
    port,
    get pid() {
      return child.pid;
    },
    get running() {
      return !exited;
    },
    flushAll: () =>
      withClient(async (redis) => {
        await redis.flushall();
      }),
    keys: (pattern) =>
      withClient(async (redis) => {
        const found: string[] = [];
        let cursor = '0';
        do {
          const [next, batch] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
          cursor = next;
          found.push(...batch);
        } while (cursor !== '0');
        return found;
      }),
    exists: (keys) =>
      withClient(async (redis) => {
        const found: boolean[] = [];
        for (const key of keys) found.push((await redis.exists(key)) === 1);
        return found;
      }),
    stop: () =>
      (stopping ??= (async () => {
        if (!exited) {
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
          await exit;
          clearTimeout(timer);
        }
        runningServers.delete(server);
        await rm(dir, { recursive: true, force: true });
      })()),
  };
  return server;
}

async function answers(url: string): Promise<boolean> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 1_000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

let setprivChecked: boolean | undefined;

function hasSetprivPdeathsig(): boolean {
  if (setprivChecked === undefined) {
    const probe = spawnSync('setpriv', ['--pdeathsig', 'SIGKILL', 'true'], { stdio: 'ignore' });
    setprivChecked = probe.status === 0;
  }
  return setprivChecked;
}
