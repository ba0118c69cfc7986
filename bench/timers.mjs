#!/usr/bin/env node
// Timers benchmark: how late does an escalation climb after its acknowledgement deadline, beside how late
// a bare BullMQ delayed job runs, measured in the same run on the same Redis.
//
//   npm run bench:timers          (needs `npm run build`; `npm run bench` builds when dist/ is missing)
//
// 1. Muster: its own database (muster_bench_<pid>) and Redis prefix, its own api and worker processes.
//    N escalations are raised through the api over the first SPREAD/4 of the run, the four severities
//    with SLAs LEAD, LEAD+SPREAD/4, LEAD+SPREAD/2, LEAD+3*SPREAD/4, so their deadlines fall evenly over
//    [LEAD, LEAD+SPREAD]. Nobody acknowledges; lateness of a climb = the `escalated` step's `at` minus the
//    `ackDueAt` it was raised with. Later climbs (regional -> national) are ignored.
// 2. Then, with Muster's processes stopped (sequential, so the two do not share the two cores): bare BullMQ,
//    a Queue here and a Worker (same concurrency, lock and stall settings) in a child process, the same N
//    jobs added on the same schedule with the same deadlines; lateness = processing start - (timestamp + delay).
//
// Knobs (env): BENCH_TIMERS_N (600), BENCH_TIMERS_LEAD_MS (15000), BENCH_TIMERS_SPREAD_MS (60000),
// BENCH_TIMERS_GRACE_MS (30000: how long after the last deadline to wait for stragglers),
// BENCH_PG_ADMIN_URL, BENCH_REDIS_URL, BENCH_RECORD=0 (do not write bench/RESULTS.md), BENCH_ECHO=1 (show
// the processes' output). Exits non-zero on errors, not on a missed target.
import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { SignJWT } from 'jose';
import pg from 'pg';
import { machine, load1 } from './lib/machine.mjs';
import { freePort, sleep, waitFor } from './lib/net.mjs';
import { createBenchDatabase, DEFAULT_PG_ADMIN_URL, dropBenchDatabase, serverVersion } from './lib/postgres.mjs';
import { Child, runScenario, runScript, stopAll } from './lib/processes.mjs';
import { deleteKeys, literalPattern, readQueueEvents, redisTimerSettings } from './lib/redis.mjs';
import { recordScenario } from './lib/results.mjs';
import { markdownTable, ms, summarize, table } from './lib/stats.mjs';

const TARGET_P99_MS = 250;
const TARGET_RATIO = 2;
/** Muster's timer workers run 16 jobs at once (apps/worker/src/processors/timer-processors.ts). */
const CONCURRENCY = 16;
const SEVERITIES = ['critical', 'high', 'medium', 'low'];
const AUTHORITY = 'E08000025';
const CELL = 'ppe';
const JWT_SECRET = `bench-secret-${randomBytes(16).toString('hex')}`;

const intEnv = (name, fallback, min) => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer >= ${min}, not "${raw}"`);
  return value;
};

const settings = {
  n: intEnv('BENCH_TIMERS_N', 600, 4),
  leadMs: intEnv('BENCH_TIMERS_LEAD_MS', 15_000, 2_000),
  spreadMs: intEnv('BENCH_TIMERS_SPREAD_MS', 60_000, 4_000),
  graceMs: intEnv('BENCH_TIMERS_GRACE_MS', 30_000, 1_000),
  pgAdminUrl: process.env.BENCH_PG_ADMIN_URL || DEFAULT_PG_ADMIN_URL,
  redisUrl: process.env.BENCH_REDIS_URL || 'redis://127.0.0.1:6379',
  record: process.env.BENCH_RECORD !== '0',
};

const runId = `${process.pid}`;
const dbName = `muster_bench_${runId}`;
const musterPrefix = `muster-bench-${runId}`;
const musterQueuePrefix = `{${musterPrefix}:jobs}`; // libs/messaging queuePrefix()
const bareQueuePrefix = `{${musterPrefix}-bare}`;
const BARE_QUEUE = 'bare-timers';
const log = (message) => console.log(`[bench:timers] ${message}`);

/**
 * Job i is due at LEAD + SPREAD * (i + 0.5) / N after the start. Its severity k = floor(4i / N) has the SLA
 * LEAD + k * SPREAD / 4, so it is raised (or added) at due - SLA, which falls in [0, SPREAD / 4).
 */
function plan({ n, leadMs, spreadMs }) {
  const quarter = spreadMs / 4;
  const slaMs = SEVERITIES.map((_, k) => Math.round(leadMs + k * quarter));
  const items = Array.from({ length: n }, (_, i) => {
    const k = Math.min(3, Math.floor((4 * i) / n));
    const dueMs = leadMs + (spreadMs * (i + 0.5)) / n;
    return { i, severity: SEVERITIES[k], dueMs, startMs: Math.max(0, dueMs - slaMs[k]) };
  }).sort((a, b) => a.startMs - b.startMs);
  const ackSla = SEVERITIES.map((s, k) => `${s}=${slaMs[k]}ms`).join(',');
  return { items, slaMs, ackSla, windowMs: quarter };
}

/** Sleeps until `at` (epoch ms): coarse sleep, then a short spin for the last couple of ms. */
async function until(at) {
  const wait = at - Date.now();
  if (wait > 3) await sleep(wait - 2);
  while (Date.now() < at) await new Promise((resolve) => setImmediate(resolve));
}

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
];

function musterEnv(extra) {
  const env = { ...process.env };
  for (const key of MUSTER_KEYS) delete env[key];
  // A benchmark is one client at full speed: request limits would measure the limiter instead.
  const unlimited = { RATE_LIMIT_PER_TOKEN: 'off', RATE_LIMIT_PER_ADDRESS: 'off' };
  return { ...env, NODE_ENV: 'development', HOST: '127.0.0.1', AUTH_JWT_SECRET: JWT_SECRET, ...unlimited, ...extra };
}

function officerToken() {
  return new SignJWT({
    name: 'Bench Officer',
    roles: ['authority-officer'],
    authority: AUTHORITY,
    clearance: 'OFFICIAL',
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(`bench-officer-${runId}`)
    .setAudience('muster')
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(JWT_SECRET));
}

// ---------------------------------------------------------------------------------------------------------
// Muster

async function runMuster(schedule, ctx) {
  const { redis } = ctx;
  const port = await freePort();
  const apiUrl = `http://127.0.0.1:${port}`;
  const env = musterEnv({
    DATABASE_URL: ctx.databaseUrl,
    REDIS_URL: settings.redisUrl,
    REDIS_PREFIX: musterPrefix,
    ESCALATION_ACK_SLA: schedule.ackSla,
    LOG_LEVEL: 'info',
    WORKER_METRICS_PORT: '0',
  });

  log(`database ${dbName}: migrating and seeding`);
  await runScript('migrate', 'dist/libs/persistence/src/cli/migrate.js', env, 120_000);
  await runScript('seed', 'dist/libs/persistence/src/cli/seed.js', env, 120_000);

  const api = new Child({
    name: 'api',
    script: 'dist/apps/api/src/main.js',
    env: { ...env, PORT: String(port) },
  }).start();
  const worker = new Child({ name: 'worker', script: 'dist/apps/worker/src/main.js', env }).start();
  ctx.children.push(api, worker);
  await Promise.all([
    worker.waitForLine(/worker ready/, 60_000),
    waitFor(
      'the api to be ready',
      async () => {
        if (!api.running) throw new Error(`api exited (${api.describeExit()}):\n${api.tail()}`);
        const response = await fetch(`${apiUrl}/health/ready`, { signal: AbortSignal.timeout(2_000) });
        return response.status === 200;
      },
      { timeoutMs: 60_000, intervalMs: 200 },
    ),
  ]);
  log(`api (pid ${api.pid}, port ${port}) and worker (pid ${worker.pid}) ready; ESCALATION_ACK_SLA=${schedule.ackSla}`);

  const token = await officerToken();
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' };
  const raise = async (item) => {
    const sent = Date.now();
    const response = await fetch(`${apiUrl}/api/v1/escalations`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        authority: AUTHORITY,
        cell: CELL,
        title: `Bench timer ${item.i}`,
        detail: `Timers benchmark run ${runId}, escalation ${item.i} (${item.severity}).`,
        severity: item.severity,
        marking: 'OFFICIAL',
      }),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await response.text();
    if (response.status !== 201)
      throw new Error(`POST /api/v1/escalations answered ${response.status}: ${text.slice(0, 300)}`);
    return Date.now() - sent;
  };

  // One warm-up request that climbs far outside the measured window would distort nothing, but a request
  // that climbs inside it would: warm the HTTP path with reads only.
  for (let k = 0; k < 20; k++) {
    const response = await fetch(`${apiUrl}/api/v1/escalations?limit=1`, {
      headers,
      signal: AbortSignal.timeout(5_000),
    });
    await response.text();
    if (response.status !== 200) throw new Error(`warm-up GET answered ${response.status}`);
  }

  const t0 = Date.now() + 500;
  log(
    `raising ${settings.n} escalations over ${Math.round(schedule.windowMs / 1000)} s; deadlines over ` +
      `${settings.leadMs / 1000}..${(settings.leadMs + settings.spreadMs) / 1000} s`,
  );
  const inFlight = new Set();
  const postMs = [];
  let failure;
  for (const item of schedule.items) {
    if (failure) break;
    await until(t0 + item.startMs);
    const request = raise(item)
      .then((took) => postMs.push(took))
      .catch((error) => {
        failure ??= error;
      })
      .finally(() => inFlight.delete(request));
    inFlight.add(request);
    if (inFlight.size >= 200) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  if (failure) throw failure;
  const raisedBy = Date.now() - t0;

  const lastDue = t0 + settings.leadMs + settings.spreadMs;
  const pool = new pg.Pool({ connectionString: ctx.databaseUrl, max: 1, statement_timeout: 30_000 });
  ctx.closers.push(() => pool.end());
  log(
    `all raised ${(raisedBy / 1000).toFixed(1)} s after the start; waiting for every one to climb (until ` +
      `${Math.round((lastDue + settings.graceMs - Date.now()) / 1000)} s from now at most)`,
  );
  let lastReport = 0;
  await waitFor(
    `all ${settings.n} escalations to climb to regional`,
    async () => {
      if (!worker.running) throw new Error(`worker exited (${worker.describeExit()}):\n${worker.tail()}`);
      const { rows } = await pool.query(
        `SELECT count(*) FILTER (WHERE level <> 'cell')::int AS climbed, count(*)::int AS total FROM escalation`,
      );
      const { climbed, total } = rows[0];
      if (Date.now() - lastReport > 10_000) {
        lastReport = Date.now();
        log(`  ${climbed}/${total} climbed`);
      }
      return total === settings.n && climbed === settings.n;
    },
    { timeoutMs: Math.max(10_000, lastDue + settings.graceMs - Date.now()), intervalMs: 250 },
  );

  const { rows } = await pool.query(`SELECT id, severity, history FROM escalation`);
  const events = await readQueueEvents(redis, `${musterQueuePrefix}:escalation-timers:events`);
  await worker.stop();
  await api.stop();
  log('every escalation climbed; api and worker stopped');

  const lateness = [];
  const parts = { relayLag: [], scheduleSlack: [], promote: [], pickup: [], command: [] };
  let redelayed = 0;
  let covered = 0;
  for (const row of rows) {
    const raised = row.history.find((step) => step.step === 'raised');
    const climb = row.history.find((step) => step.step === 'escalated' && step.from === 'cell');
    if (!raised?.ackDueAt || !climb)
      throw new Error(`escalation ${row.id} has no raised/escalated steps: ${JSON.stringify(row.history)}`);
    const due = Date.parse(raised.ackDueAt);
    const at = Date.parse(climb.at);
    lateness.push(at - due);
    const job = events.jobs.get(`escalation-${row.id}-cell`);
    if (job?.delayed.length && job.waiting !== undefined && job.active !== undefined) {
      covered += 1;
      if (job.delayed.length > 1) redelayed += 1;
      const bullDue = job.delayed[0].until;
      parts.relayLag.push(job.delayed[0].at - Date.parse(raised.at));
      parts.scheduleSlack.push(bullDue - due);
      parts.promote.push(job.waiting - bullDue);
      parts.pickup.push(job.active - job.waiting);
      parts.command.push(at - job.active);
    }
  }
  return { lateness, parts, redelayed, covered, postMs, raisedBy, eventsFrom: events.firstMs };
}

// ---------------------------------------------------------------------------------------------------------
// Bare BullMQ

async function runBare(schedule, ctx) {
  const child = new Child({
    name: 'bare-worker',
    script: 'bench/timers-bare-worker.mjs',
    ipc: true,
    env: {
      ...process.env,
      BENCH_REDIS_URL: settings.redisUrl,
      BENCH_QUEUE_PREFIX: bareQueuePrefix,
      BENCH_QUEUE: BARE_QUEUE,
      BENCH_CONCURRENCY: String(CONCURRENCY),
    },
  }).start();
  ctx.children.push(child);
  let done = 0;
  let records;
  let workerError;
  child.child.on('message', (message) => {
    if (message.type === 'progress') done = message.done;
    else if (message.type === 'records') records = message.records;
    else if (message.type === 'error') workerError ??= message.message;
  });
  const ready = new Promise((resolve) => child.child.on('message', (m) => m.type === 'ready' && resolve()));
  await Promise.race([
    ready,
    child.exited.then(() => {
      throw new Error(`bare worker exited (${child.describeExit()}):\n${child.tail()}`);
    }),
    sleep(30_000).then(() => {
      throw new Error('bare worker not ready within 30 s');
    }),
  ]);

  const connection = new Redis(settings.redisUrl, { maxRetriesPerRequest: null, connectionName: 'bench-bare-queue' });
  connection.on('error', () => undefined);
  const queue = new Queue(BARE_QUEUE, { connection, prefix: bareQueuePrefix });
  ctx.closers.push(async () => {
    await queue.close();
    connection.disconnect();
  });
  await queue.waitUntilReady();
  log(`bare BullMQ worker ready (pid ${child.pid}); adding ${settings.n} delayed jobs on the same schedule`);

  const t0 = Date.now() + 500;
  const adds = [];
  for (const item of schedule.items) {
    await until(t0 + item.startMs);
    adds.push(
      queue.add(
        'timer',
        { i: item.i },
        {
          // The same job options as Muster's timers (libs/messaging TIMER_JOB_OPTIONS).
          jobId: `bare-${item.i}`,
          delay: Math.max(0, t0 + item.dueMs - Date.now()),
          attempts: 25,
          backoff: { type: 'exponential', delay: 250 },
          removeOnComplete: true,
          removeOnFail: { age: 7 * 24 * 3600 },
        },
      ),
    );
  }
  await Promise.all(adds);
  const lastDue = t0 + settings.leadMs + settings.spreadMs;
  await waitFor(
    `all ${settings.n} bare jobs to run`,
    () => {
      if (workerError) throw new Error(`bare worker error: ${workerError}`);
      if (!child.running) throw new Error(`bare worker exited (${child.describeExit()}):\n${child.tail()}`);
      return done >= settings.n;
    },
    { timeoutMs: Math.max(10_000, lastDue + settings.graceMs - Date.now()), intervalMs: 250 },
  );
  child.child.send({ type: 'finish' });
  await waitFor('the bare worker to report', () => records !== undefined, { timeoutMs: 15_000, intervalMs: 50 });
  await child.stop(5_000);
  const events = await readQueueEvents(ctx.redis, `${bareQueuePrefix}:${BARE_QUEUE}:events`);
  log('every bare job ran; bare worker stopped');

  const lateness = records.map((r) => r.startedAt - r.dueAt);
  const parts = { promote: [], pickup: [], start: [] };
  let covered = 0;
  for (const r of records) {
    const job = events.jobs.get(r.id);
    if (!job?.delayed.length || job.waiting === undefined || job.active === undefined) continue;
    covered += 1;
    parts.promote.push(job.waiting - job.delayed[0].until);
    parts.pickup.push(job.active - job.waiting);
    parts.start.push(r.startedAt - job.active);
  }
  return { lateness, parts, covered };
}

// ---------------------------------------------------------------------------------------------------------

function report(schedule, muster, bare, env) {
  const m = summarize(muster.lateness);
  const b = summarize(bare.lateness);
  const ratio = m.p99 / Math.max(b.p99, 1);
  const p99Met = m.p99 < TARGET_P99_MS;
  const ratioMet = ratio <= TARGET_RATIO;
  const verdict =
    p99Met && ratioMet
      ? 'MET'
      : `MISSED (${[!p99Met && `p99 ${ms(m.p99)} ms >= ${TARGET_P99_MS} ms`, !ratioMet && `${ratio.toFixed(2)}x bare > ${TARGET_RATIO}x`].filter(Boolean).join('; ')})`;
  const headers = ['scenario', 'n', 'p50 ms', 'p99 ms', 'max ms'];
  const rows = [
    ['Muster escalation climb (escalated.at - ackDueAt)', m.n, ms(m.p50), ms(m.p99), ms(m.max)],
    ['bare BullMQ delayed job (start - timestamp - delay)', b.n, ms(b.p50), ms(b.p99), ms(b.max)],
  ];
  const comp = (label, values) => {
    const s = summarize(values);
    return [label, s.n, ms(s.p50), ms(s.p99), ms(s.max)];
  };
  const breakdownRows = [
    comp('Muster: raised (step at) -> timer on BullMQ (relay)', muster.parts.relayLag),
    comp('Muster: BullMQ due - ackDueAt', muster.parts.scheduleSlack),
    comp('Muster: promoted (waiting) - BullMQ due', muster.parts.promote),
    comp('Muster: active - waiting', muster.parts.pickup),
    comp('Muster: escalated.at - active (command)', muster.parts.command),
    comp('bare: promoted (waiting) - due', bare.parts.promote),
    comp('bare: active - waiting', bare.parts.pickup),
    comp('bare: processor start - active', bare.parts.start),
  ];
  const post = summarize(muster.postMs);
  const lines = [
    table(headers, rows),
    '',
    `ratio p99 Muster / bare: ${ratio.toFixed(2)}x`,
    `target: p99 < ${TARGET_P99_MS} ms and <= ${TARGET_RATIO}x bare: ${verdict}`,
    `Redis hz: ${env.redis.hz} (Redis ${env.redis.version}); blocked-client timeouts (BullMQ's BZPOPMIN on delayed jobs) are checked ~${Math.round(1000 / env.redis.hz)} ms apart`,
    '',
    "Where the time goes (Redis event-stream times, ms; from BullMQ's own event log, so it covers jobs whose events were not trimmed):",
    table(['component', 'n', 'p50', 'p99', 'max'], breakdownRows),
    `Muster timers re-delayed by the 'early' path: ${muster.redelayed} of ${muster.covered}`,
    `POST /api/v1/escalations: p50 ${ms(post.p50)} ms, p99 ${ms(post.p99)} ms; all ${post.n} raised within ${(muster.raisedBy / 1000).toFixed(1)} s`,
  ];
  return { text: lines.join('\n'), m, b, ratio, verdict, headers, rows, breakdownRows };
}

async function main() {
  const started = new Date();
  const schedule = plan(settings);
  const ctx = { children: [], closers: [], databaseUrl: undefined, redis: undefined };
  const redis = new Redis(settings.redisUrl, {
    maxRetriesPerRequest: 3,
    connectionName: 'bench-timers',
    lazyConnect: true,
  });
  redis.on('error', () => undefined);
  ctx.redis = redis;

  let cleaned;
  const cleanup = () =>
    (cleaned ??= (async () => {
      await stopAll(15_000);
      for (const close of ctx.closers.reverse())
        await Promise.resolve()
          .then(close)
          .catch(() => undefined);
      try {
        if (redis.status !== 'ready') await redis.connect();
        const deleted = await deleteKeys(redis, [
          `${literalPattern(musterPrefix)}:*`,
          `${literalPattern(musterQueuePrefix)}*`,
          `${literalPattern(bareQueuePrefix)}*`,
        ]);
        log(`removed ${deleted} Redis keys under ${musterPrefix}`);
      } catch (error) {
        console.error(`[bench:timers] could not remove Redis keys under ${musterPrefix}: ${error.message}`);
      }
      redis.disconnect();
      if (ctx.databaseUrl) {
        try {
          await dropBenchDatabase(settings.pgAdminUrl, dbName);
          log(`dropped database ${dbName}`);
        } catch (error) {
          console.error(`[bench:timers] could not drop database ${dbName}: ${error.message}`);
        }
      }
    })());
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      console.error(`[bench:timers] ${signal}: cleaning up`);
      void cleanup().finally(() => process.exit(130));
    });
  }

  try {
    await redis.connect();
    const env = {
      machine: machine(),
      redis: await redisTimerSettings(redis),
      postgres: await serverVersion(settings.pgAdminUrl),
    };
    const loadBefore = load1();
    log(
      `N=${settings.n}, deadlines over ${settings.spreadMs / 1000} s starting ${settings.leadMs / 1000} s in; ` +
        `Redis hz ${env.redis.hz}; load average ${loadBefore} on ${env.machine.cores} cores`,
    );
    ctx.databaseUrl = await createBenchDatabase(settings.pgAdminUrl, dbName);
    const muster = await runMuster(schedule, ctx);
    const loadMid = load1();
    const bare = await runBare(schedule, ctx);
    const loadAfter = load1();

    const result = report(schedule, muster, bare, env);
    console.log(`\n${result.text}\n`);
    console.log(`load average (1 min): ${loadBefore} before, ${loadMid} after Muster, ${loadAfter} after bare\n`);

    if (settings.record) {
      const mc = env.machine;
      const entry = [
        `### ${started.toISOString().replace(/\.\d+Z$/, 'Z')}: ${result.verdict}`,
        '',
        `Machine: ${mc.cores} cores (${mc.cpu}), ${mc.memoryGiB} GiB, ${mc.platform}; Node ${mc.node}, ` +
          `PostgreSQL ${env.postgres}, Redis ${env.redis.version} with hz ${env.redis.hz}; load average ` +
          `${loadBefore} / ${loadMid} / ${loadAfter} (before, after Muster, after bare).`,
        `Run: N=${settings.n}, deadlines evenly over ${settings.spreadMs / 1000} s starting ${settings.leadMs / 1000} s in ` +
          `(ESCALATION_ACK_SLA=${schedule.ackSla}, raises over ${schedule.windowMs / 1000} s); Muster first, then bare ` +
          `BullMQ on the same schedule (sequential); worker concurrency ${CONCURRENCY}.`,
        '',
        markdownTable(result.headers, result.rows),
        '',
        `Ratio p99 Muster / bare: **${result.ratio.toFixed(2)}x**. Target p99 < ${TARGET_P99_MS} ms and <= ${TARGET_RATIO}x bare: **${result.verdict}**.`,
        '',
        "<details><summary>Where the time goes (from BullMQ's event stream)</summary>",
        '',
        markdownTable(['component', 'n', 'p50', 'p99', 'max'], result.breakdownRows),
        '',
        `Timers re-delayed by the 'early' path: ${muster.redelayed} of ${muster.covered}.`,
        '',
        '</details>',
      ].join('\n');
      log(`recorded in ${recordScenario('timers', entry)}`);
    }
  } finally {
    await cleanup();
  }
}

runScenario('timers', main);
