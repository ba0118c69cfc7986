import { MUSTER_ENV_KEYS, musterEnv, testContext } from '../env';
import { freePort } from './free-port';
import { ManagedProcess, type ExitInfo } from './managed-process';
import type { OutputBuffer } from './output-buffer';

export interface StartOptions {
  databaseUrl: string;
  redisPrefix: string;
  /** Extra or overriding variables (e.g. ESCALATION_ACK_SLA, LOG_LEVEL: 'info'); `undefined` removes one. */
  env?: Record<string, string | undefined>;
  /** Defaults to the run's Redis (MUSTER_TEST_REDIS_URL). */
  redisUrl?: string;
  readyTimeoutMs?: number;
  stopTimeoutMs?: number;
}

export interface ApiStartOptions extends StartOptions {
  /** A port chosen beforehand (e.g. one a sign-in service was told to redirect to); a free one otherwise. */
  port?: number;
}

export interface ProcessHandle {
  readonly pid: number | undefined;
  readonly running: boolean;
  readonly output: OutputBuffer;
  /** SIGTERM, wait for the exit, SIGKILL after the bound. */
  stop(): Promise<ExitInfo>;
  /** SIGKILL (a crash). */
  kill(): Promise<ExitInfo>;
  /** Stops (if running) and starts again with the same environment (and, for the api, the same port). */
  restart(): Promise<void>;
}

export interface ApiHandle extends ProcessHandle {
  /** `http://127.0.0.1:<port>`, stable across restarts. */
  readonly url: string;
  readonly port: number;
}

export type WorkerHandle = ProcessHandle;

// Integration and e2e files also get `afterAll(stopAll)` from jest/after-env.ts; the children preload an
// orphan guard, so even a killed test runner leaves nothing running.
const started = new Set<ManagedProcess>();

function track(proc: ManagedProcess): void {
  started.add(proc);
}

/** The built api (`dist/apps/api/src/main.js`) on a free port, resolved once `/health/ready` answers 200. */
export async function startApi(opts: ApiStartOptions): Promise<ApiHandle> {
  const port = opts.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const proc = new ManagedProcess({
    name: 'api',
    script: 'dist/apps/api/src/main.js',
    env: musterEnv({ ...withRedis(opts), port }),
    ready: (_output, signal) => untilHealthy(`${url}/health/ready`, signal),
    readyTimeoutMs: opts.readyTimeoutMs ?? 20_000,
    stopTimeoutMs: opts.stopTimeoutMs ?? 15_000,
  });
  track(proc);
  await proc.start();
  return Object.assign(handle(proc), { url, port });
}

/** The built worker (`dist/apps/worker/src/main.js`), resolved once it logs `worker ready`. */
export async function startWorker(opts: StartOptions): Promise<WorkerHandle> {
  const proc = new ManagedProcess({
    name: 'worker',
    script: 'dist/apps/worker/src/main.js',
    // The worker logs `worker ready` at info: below the default `warn` it would never be seen. Its output
    // is only captured (shown when a start fails, or with MUSTER_TEST_ECHO=1), so info costs nothing.
    env: musterEnv({ ...withRedis(opts), env: { LOG_LEVEL: 'info', ...opts.env } }),
    ready: (output, signal) => untilLine(output, 'worker ready', signal),
    readyTimeoutMs: opts.readyTimeoutMs ?? 20_000,
    stopTimeoutMs: opts.stopTimeoutMs ?? 15_000,
  });
  track(proc);
  await proc.start();
  return handle(proc);
}

/**
 * What `npm start` runs (scripts/start.mjs, `--no-build`: on the dist/ the e2e tier already built) with the
 * test's database, Redis prefix and ports; resolved once it prints that Muster is running. The api and the
 * worker are its children, not the helpers': they get no orphan guard, only what the script gives them.
 */
export async function startStartScript(opts: StartOptions & { workerMetricsPort: number }): Promise<ApiHandle> {
  const port = await freePort();
  const idpPort = await freePort();
  const proc = new ManagedProcess({
    name: 'npm-start',
    script: 'scripts/start.mjs',
    args: ['--no-build'],
    env: musterEnv({
      ...withRedis(opts),
      port,
      env: { WORKER_METRICS_PORT: String(opts.workerMetricsPort), DEV_IDP_PORT: String(idpPort), ...opts.env },
    }),
    ready: (output, signal) => untilLine(output, 'Muster is running', signal),
    readyTimeoutMs: opts.readyTimeoutMs ?? 90_000,
    stopTimeoutMs: opts.stopTimeoutMs ?? 20_000,
  });
  track(proc);
  await proc.start();
  return Object.assign(handle(proc), { url: `http://127.0.0.1:${port}`, port });
}

export interface DevIdpOptions {
  /** Extra or overriding variables (DEV_IDP_SESSION_TTL, DEV_IDP_REDIRECT_URIS, ...); `undefined` removes one. */
  env?: Record<string, string | undefined>;
  readyTimeoutMs?: number;
}

export interface DevIdpHandle extends ProcessHandle {
  /** `http://127.0.0.1:<port>`: discovery at `${issuer}/.well-known/openid-configuration`. */
  readonly issuer: string;
  readonly port: number;
  /** The console client the provider was started with (OIDC_CLIENT_ID, OIDC_CLIENT_SECRET). */
  readonly clientId: string;
  readonly clientSecret: string;
}

/** The console client's secret in tests (not the development one, so a test never relies on a default). */
const DEV_IDP_TEST_CLIENT_SECRET = 'muster-console-test-secret-0123456789';

/**
 * The built development OpenID provider (`dist/apps/dev-idp/src/main.js`) on a free port, resolved once
 * its discovery document answers. Its client is `muster-console` with a test secret unless `env` says
 * otherwise (the handle tells which).
 */
export async function startDevIdp(opts: DevIdpOptions = {}): Promise<DevIdpHandle> {
  const port = await freePort();
  const issuer = opts.env?.['DEV_IDP_ISSUER'] ?? `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) {
    if (key.startsWith('DEV_IDP_') || key.startsWith('OIDC_') || (MUSTER_ENV_KEYS as readonly string[]).includes(key))
      Reflect.deleteProperty(env, key);
  }
  Object.assign(env, {
    NODE_ENV: 'test',
    DEV_IDP_HOST: '127.0.0.1',
    DEV_IDP_PORT: String(port),
    OIDC_CLIENT_ID: 'muster-console',
    OIDC_CLIENT_SECRET: DEV_IDP_TEST_CLIENT_SECRET,
  });
  for (const [key, value] of Object.entries(opts.env ?? {})) {
    if (value === undefined) Reflect.deleteProperty(env, key);
    else env[key] = value;
  }
  const proc = new ManagedProcess({
    name: 'dev-idp',
    script: 'dist/apps/dev-idp/src/main.js',
    env,
    ready: (_output, signal) => untilHealthy(`${issuer}/.well-known/openid-configuration`, signal),
    readyTimeoutMs: opts.readyTimeoutMs ?? 20_000,
    stopTimeoutMs: 10_000,
  });
  track(proc);
  await proc.start();
  return Object.assign(handle(proc), {
    issuer,
    port,
    clientId: env['OIDC_CLIENT_ID'] ?? '',
    clientSecret: env['OIDC_CLIENT_SECRET'] ?? '',
  });
}

/** Stops every process the helpers started in this test file; for `afterAll(stopAll)`. */
export async function stopAll(): Promise<void> {
  const procs = [...started];
  started.clear();
  await Promise.all(procs.filter((proc) => proc.running).map((proc) => proc.stop()));
}

function withRedis(opts: StartOptions): Parameters<typeof musterEnv>[0] {
  const base = {
    databaseUrl: opts.databaseUrl,
    redisUrl: opts.redisUrl ?? testContext().redisUrl,
    redisPrefix: opts.redisPrefix,
  };
  return opts.env ? { ...base, env: opts.env } : base;
}

function handle(proc: ManagedProcess): ProcessHandle {
  return {
    get pid() {
      return proc.pid;
    },
    get running() {
      return proc.running;
    },
    output: proc.output,
    stop: () => proc.stop(),
    kill: () => proc.kill(),
    restart: async () => {
      track(proc);
      await proc.restart();
    },
  };
}

async function untilHealthy(url: string, signal: AbortSignal): Promise<void> {
  while (!signal.aborted) {
    try {
      const response = await fetch(url, { signal: AbortSignal.any([signal, AbortSignal.timeout(1_000)]) });
      await response.arrayBuffer();
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function untilLine(output: OutputBuffer, text: string, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const unsubscribe = output.onLine((line) => {
      if (line.includes(text)) {
        unsubscribe();
        resolve();
      }
    });
    signal.addEventListener('abort', unsubscribe, { once: true });
  });
}
