// Shared set-up for the throughput scenarios (decisions, sitrep-burst, catch-up): one run's database and
// Redis prefix, Muster's api and worker from BENCH_DIST, tokens, the load-generator child, cleanup.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Redis } from 'ioredis';
import { SignJWT } from 'jose';
import pg from 'pg';
import { load1, machine } from './machine.mjs';
import { freePort, sleep, waitFor } from './net.mjs';
import { createBenchDatabase, DEFAULT_PG_ADMIN_URL, dropBenchDatabase, serverVersion } from './postgres.mjs';
import { Child, REPO_ROOT, runScript, stopAll } from './processes.mjs';
import { deleteKeys, literalPattern } from './redis.mjs';

export const REGION_FILE = 'data/regions/west-midlands.json';
export const TIME_ZONE = 'Europe/London';

export const intEnv = (name, fallback, min) => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer >= ${min}, not "${raw}"`);
  return value;
};

/** Muster processes never inherit the shell's Muster settings. */
const MUSTER_KEYS = [
  'NODE_ENV',
  'DATABASE_URL',
  'DATABASE_POOL_SIZE',
  'REDIS_URL',
  'REDIS_PREFIX',
  'PORT',
  'HOST',
  'AUTH_JWT_SECRET',
  'AUTH_JWKS_URL',
  'AUTH_ISSUER',
  'AUTH_AUDIENCE',
  'AUTH_ROLES_CLAIM',
  'REGION_TIMEZONE',
  'REGION_DATA',
  'LOG_LEVEL',
  'LIVE_REPLAY_LIMIT',
  'LIVE_STREAM_MAXLEN',
  'RELAY_POLL_INTERVAL',
  'HTTP_BODY_LIMIT_BYTES',
  'SHUTDOWN_TIMEOUT',
  'ESCALATION_ACK_SLA',
  'ESCALATION_RECONCILE_INTERVAL',
  'WORKER_METRICS_PORT',
  'RATE_LIMIT_PER_TOKEN',
  'RATE_LIMIT_PER_ADDRESS',
  'LIVE_REPLAYS_PER_SOCKET',
  'NODE_OPTIONS',
];

/**
 * One benchmark run: `muster_bench_<pid>` and `muster-bench-<pid>`, the processes it starts, and a cleanup
 * that stops them (by pid), deletes the prefix's Redis keys (SCAN) and drops the database, also on Ctrl-C.
 */
export class BenchRun {
  constructor(scenario) {
    this.scenario = scenario;
    this.runId = `${process.pid}`;
    this.dbName = `muster_bench_${this.runId}`;
    this.prefix = `muster-bench-${this.runId}`;
    this.queuePrefix = `{${this.prefix}:jobs}`;
    this.jwtSecret = `bench-secret-${randomBytes(16).toString('hex')}`;
    this.dist = (process.env.BENCH_DIST || 'dist').replace(/\/+$/, '');
    this.pgAdminUrl = process.env.BENCH_PG_ADMIN_URL || DEFAULT_PG_ADMIN_URL;
    this.redisUrl = process.env.BENCH_REDIS_URL || 'redis://127.0.0.1:6379';
    this.record = process.env.BENCH_RECORD !== '0';
    this.closers = [];
    this.databaseUrl = undefined;
    this.redis = new Redis(this.redisUrl, {
      maxRetriesPerRequest: 3,
      connectionName: `bench-${scenario}`,
      lazyConnect: true,
    });
    this.redis.on('error', () => undefined);
    for (const signal of ['SIGINT', 'SIGTERM']) {
      process.once(signal, () => {
        console.error(`[bench:${scenario}] ${signal}: cleaning up`);
        void this.cleanup().finally(() => process.exit(130));
      });
    }
  }

  log(message) {
    console.log(`[bench:${this.scenario}] ${message}`);
  }

  distPath(rel) {
    return path.join(REPO_ROOT, this.dist, rel);
  }

  /** Muster's compiled domain (for the reporting day). */
  domain() {
    const require = createRequire(import.meta.url);
    return require(this.distPath('libs/domain/src/index.js'));
  }

  region() {
    return JSON.parse(readFileSync(path.join(REPO_ROOT, REGION_FILE), 'utf8'));
  }

  async environment() {
    await this.redis.connect();
    const info = await this.redis.info('server');
    return {
      machine: machine(),
      postgres: await serverVersion(this.pgAdminUrl),
      redis: info.match(/^redis_version:(.*)$/m)?.[1]?.trim() ?? 'unknown',
    };
  }

  env(extra = {}) {
    const env = { ...process.env };
    for (const key of MUSTER_KEYS) delete env[key];
    return {
      ...env,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      AUTH_JWT_SECRET: this.jwtSecret,
      REGION_DATA: REGION_FILE,
      REGION_TIMEZONE: TIME_ZONE,
      LOG_LEVEL: 'warn',
      WORKER_METRICS_PORT: '0',
      // A benchmark is one client at full speed: request limits would measure the limiter instead.
      RATE_LIMIT_PER_TOKEN: 'off',
      RATE_LIMIT_PER_ADDRESS: 'off',
      DATABASE_URL: this.databaseUrl,
      REDIS_URL: this.redisUrl,
      REDIS_PREFIX: this.prefix,
      ...extra,
    };
  }

  /** Creates the database, migrates and seeds it; `beforeStart(pool)` may add rows before the processes start. */
  async prepare(beforeStart) {
    for (const script of [
      'apps/api/src/main.js',
      'apps/worker/src/main.js',
      'libs/persistence/src/cli/migrate.js',
      'libs/persistence/src/cli/seed.js',
    ]) {
      if (!existsSync(this.distPath(script)))
        throw new Error(`${this.dist}/${script} is missing: run \`npm run build\` (or point BENCH_DIST at a build)`);
    }
    this.databaseUrl = await createBenchDatabase(this.pgAdminUrl, this.dbName);
    this.log(`database ${this.dbName}: migrating and seeding (Muster from ${this.dist}/)`);
    await runScript('migrate', path.join(this.dist, 'libs/persistence/src/cli/migrate.js'), this.env(), 120_000);
    await runScript('seed', path.join(this.dist, 'libs/persistence/src/cli/seed.js'), this.env(), 120_000);
    this.pool = new pg.Pool({ connectionString: this.databaseUrl, max: 2, statement_timeout: 120_000 });
    this.closers.push(() => this.pool.end());
    if (beforeStart) await beforeStart(this.pool);
  }

  /**
   * Starts `apis` api processes (one by default; `this.api` is the first) and, unless `worker: false`, one
   * worker; resolves when all are ready. `env` is given to every process, `apiEnv` to the apis only.
   */
  async start({ worker = true, apis = 1, apiEnv = {}, env = {}, profileApisTo, apiNodeArgs = [] } = {}) {
    // BENCH_CPU_PROF=<dir>: V8 CPU profiles of the api and worker (written when they stop) for a miss's why.
    const nodeArgs = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
    const profiling = profileApisTo === undefined ? nodeArgs : ['--cpu-prof', `--cpu-prof-dir=${profileApisTo}`];
    this.apis = [];
    this.apiUrls = [];
    for (let i = 0; i < apis; i++) {
      const port = await freePort();
      this.apiUrls.push(`http://127.0.0.1:${port}`);
      const name = apis === 1 ? 'api' : `api-${i + 1}`;
      this.apis.push(
        new Child({
          name,
          script: path.join(this.dist, 'apps/api/src/main.js'),
          env: this.env({ PORT: String(port), ...env, ...apiEnv }),
          nodeArgs: [...profiling, ...apiNodeArgs],
        }).start(),
      );
    }
    [this.api] = this.apis;
    [this.apiUrl] = this.apiUrls;
    if (worker)
      this.worker = new Child({
        name: 'worker',
        script: path.join(this.dist, 'apps/worker/src/main.js'),
        env: this.env({ LOG_LEVEL: 'info', ...env }),
        nodeArgs,
      }).start();
    await Promise.all([
      this.worker?.waitForLine(/worker ready/, 60_000),
      ...this.apis.map((api, i) =>
        waitFor(
          `${api.name} to be ready`,
          async () => {
            if (!api.running) throw new Error(`${api.name} exited (${api.describeExit()}):\n${api.tail()}`);
            const response = await fetch(`${this.apiUrls[i]}/health/ready`, { signal: AbortSignal.timeout(2_000) });
            return response.status === 200;
          },
          { timeoutMs: 60_000, intervalMs: 200 },
        ),
      ),
    ]);
    const apiList = this.apis.map((api, i) => `${api.name} (pid ${api.pid}, ${this.apiUrls[i]})`).join(', ');
    this.log(`${apiList}${this.worker ? ` and worker (pid ${this.worker.pid})` : ''} ready`);
  }

  /** Stops Muster's processes (by pid), e.g. before a bare run that should have the cores to itself. */
  async stopProcesses() {
    await Promise.all([...(this.apis ?? []), this.worker].filter(Boolean).map((child) => child.stop(15_000)));
  }

  token(claims = { name: 'Bench Coordinator', roles: ['regional-coordinator'], clearance: 'OFFICIAL-SENSITIVE' }) {
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(`bench-${this.scenario}-${this.runId}`)
      .setAudience('muster')
      .setIssuedAt()
      .setExpirationTime('2h')
      .sign(new TextEncoder().encode(this.jwtSecret));
  }

  /** Until the worker's relay has sequenced and published every journal row (so it is idle). */
  async relayIdle(timeoutMs = 300_000) {
    let last = Date.now();
    await waitFor(
      'the relay to catch up',
      async () => {
        if (this.worker && !this.worker.running)
          throw new Error(`worker exited (${this.worker.describeExit()}):\n${this.worker.tail()}`);
        const { rows } = await this.pool.query(
          `SELECT (SELECT count(*) FROM journal WHERE seq IS NULL)::int AS pending,
                  (SELECT max(seq) FROM journal)::bigint AS sequenced,
                  (SELECT published FROM relay_state WHERE name = 'live')::bigint AS published`,
        );
        const r = rows[0];
        if (Date.now() - last > 10_000) {
          last = Date.now();
          this.log(`  relay: ${r.pending} to sequence, ${r.sequenced} sequenced, ${r.published} published`);
        }
        return r.pending === 0 && (r.sequenced === null || r.sequenced === r.published);
      },
      { timeoutMs, intervalMs: 250 },
    );
  }

  async cleanup() {
    return (this.cleaned ??= (async () => {
      await stopAll(15_000);
      for (const close of this.closers.reverse())
        await Promise.resolve()
          .then(close)
          .catch(() => undefined);
      try {
        if (this.redis.status !== 'ready') await this.redis.connect();
        const deleted = await deleteKeys(this.redis, [
          `${literalPattern(this.prefix)}:*`,
          `${literalPattern(this.queuePrefix)}*`,
        ]);
        this.log(`removed ${deleted} Redis keys under ${this.prefix}`);
      } catch (error) {
        console.error(`[bench:${this.scenario}] could not remove Redis keys under ${this.prefix}: ${error.message}`);
      }
      this.redis.disconnect();
      if (this.databaseUrl) {
        try {
          await dropBenchDatabase(this.pgAdminUrl, this.dbName);
          this.log(`dropped database ${this.dbName}`);
        } catch (error) {
          console.error(`[bench:${this.scenario}] could not drop database ${this.dbName}: ${error.message}`);
        }
      }
    })());
  }
}

/** The machine line of a RESULTS.md entry. */
export function machineLine(env, loads) {
  const mc = env.machine;
  return (
    `Machine: ${mc.cores} cores (${mc.cpu}), ${mc.memoryGiB} GiB, ${mc.platform}; Node ${mc.node}, ` +
    `PostgreSQL ${env.postgres}, Redis ${env.redis}; load average ${loads.join(' / ')}.`
  );
}

/** The scratch table of the bare primitive: shaped like the journal (bigint identity, uuid, text, jsonb, timestamptz). */
export async function createBareTable(pool) {
  await pool.query(`CREATE TABLE IF NOT EXISTS bench_bare_journal (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id uuid NOT NULL UNIQUE,
    type text NOT NULL,
    data jsonb NOT NULL,
    occurred_at timestamptz NOT NULL DEFAULT clock_timestamp()
  )`);
}

/**
 * Runs one load in a child process (bench/load-worker.mjs) and resolves with its report: latencies (ms),
 * completed, errors, elapsed ms and the child's own CPU time (process.cpuUsage, ms).
 */
export async function runLoad(job, { timeoutMs = 600_000 } = {}) {
  const child = new Child({
    name: `load-${job.kind}`,
    script: 'bench/load-worker.mjs',
    ipc: true,
    env: { ...process.env },
  }).start();
  try {
    const result = await new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`load generator did not finish within ${timeoutMs} ms`)),
        timeoutMs,
      );
      child.child.on('message', (message) => {
        if (message.type === 'ready') child.child.send({ type: 'run', job });
        else if (message.type === 'result') {
          clearTimeout(timer);
          resolve(message.result);
        } else if (message.type === 'error') {
          clearTimeout(timer);
          reject(new Error(`load generator: ${message.message}`));
        }
      });
      void child.exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`load generator exited (${child.describeExit()}):\n${child.tail()}`));
      });
    });
    return result;
  } finally {
    await child.stop(5_000);
  }
}

export { load1, sleep, stopAll };

/** Connections the bare load may open: max_connections minus those in use, minus a margin of 5. */
export async function spareConnections(pool) {
  const { rows } = await pool.query(
    `SELECT current_setting('max_connections')::int - (SELECT count(*) FROM pg_stat_activity)::int - 5 AS spare`,
  );
  return Math.max(1, rows[0].spare);
}

/**
 * CPU time (ms) every process on the machine has used so far (user, nice, system, irq, softirq from
 * /proc/stat; idle, I/O wait and steal left out); NaN elsewhere. Over an interval, minus what the named
 * processes used, it is what PostgreSQL and Redis used, backends that came and went included.
 */
export function machineCpuMs() {
  try {
    const [user, nice, system, , , irq, softirq] = readFileSync('/proc/stat', 'utf8')
      .split('\n')[0]
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    return ((user + nice + system + irq + softirq) * 1000) / 100;
  } catch {
    return Number.NaN;
  }
}

/** CPU time (user + system, ms) a process has used so far, from /proc (Linux); NaN elsewhere. */
export function procCpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ 100)
  } catch {
    return Number.NaN;
  }
}
