#!/usr/bin/env node
// Feed benchmark: how long `POST /api/v1/feeds/daily/:date` takes to generate and store a reporting day's
// feed for seven authorities and four cells, with 1 day of history and with 365 (issue 4: the ratio under
// 1.5, and under 500 ms with 365 days), and with 30 days, the length of the carry-forward window: beyond
// it, the feed's reads are meant to stop growing.
//
//   npm run bench -- feed          (needs `npm run build`; `npm run bench` builds when dist/ is missing)
//
// 1. One database per history length (muster_bench_<pid>_h<days>), migrated and seeded with the region,
//    each with its own Redis prefix. History before the reporting day (today) is built with Muster's own
//    domain functions and written straight into PostgreSQL (bench/feed-history.mjs): sitreps, decisions
//    (valid hash chains), escalations, and their journal events dated on their own days. A worker then
//    relays and projects that journal as it would have live, the reporting day's own data is made over
//    HTTP (28 sitreps and 3 corrections, 2 escalations, 2 decisions: the same in every database), the
//    worker is stopped once it has caught up, and the database is vacuumed and analysed.
// 2. One api per database, all running; generations go round-robin over them (the order rotating each
//    round) so drift on a busy machine falls on every history alike: WARMUP rounds, then N timed rounds.
//    Each time is the client's, from sending the POST to the end of the 201 response.
// 3. Where the time goes: per database, in this process, the application's own DailyFeedInputs and
//    DailyFeedPublisher from dist/ over a TypeORM DataSource, timing every SQL statement they send (by
//    wrapping pg's Client#query), buildDailyFeed, the carry-forward arithmetic, and EXPLAIN ANALYZE of each
//    statement, plus a V8 CPU profile of the in-process generations.
//
// Knobs (env): BENCH_FEED_N (50), BENCH_FEED_WARMUP (20), BENCH_FEED_HISTORIES ("1,2,30,365": days of
// history, the reporting day included), BENCH_FEED_PROFILE (1; 0 skips step 3), BENCH_FEED_PROFILE_N (20),
// BENCH_FEED_SEED (PRNG seed for the history), BENCH_DIST (dist: the compiled Muster to run),
// BENCH_PG_ADMIN_URL, BENCH_REDIS_URL, BENCH_RECORD=0 (do not write bench/RESULTS.md), BENCH_ECHO=1 (show
// the processes' output). Exits non-zero on errors, not on a missed target.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { SignJWT } from 'jose';
import pg from 'pg';
import { buildHistory, domainCells, fullFigures, insertHistory } from './feed-history.mjs';
import { summarizeProfile, withCpuProfile } from './lib/cpu-profile.mjs';
import { load1, machine } from './lib/machine.mjs';
import { freePort, waitFor } from './lib/net.mjs';
import { createBenchDatabase, DEFAULT_PG_ADMIN_URL, dropBenchDatabase, serverVersion } from './lib/postgres.mjs';
import { Child, REPO_ROOT, runScenario, runScript, stopAll } from './lib/processes.mjs';
import { deleteKeys, literalPattern } from './lib/redis.mjs';
import { recordScenario } from './lib/results.mjs';
import { markdownTable, percentile, table } from './lib/stats.mjs';

const TARGET_RATIO = 1.5;
const TARGET_365_MS = 500;
const REGION_FILE = 'data/regions/west-midlands.json';
const TIME_ZONE = 'Europe/London';
const JWT_SECRET = `bench-secret-${randomBytes(16).toString('hex')}`;

const intEnv = (name, fallback, min) => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer >= ${min}, not "${raw}"`);
  return value;
};

function historiesEnv() {
  const raw = process.env.BENCH_FEED_HISTORIES || '1,2,30,365';
  const days = [...new Set(raw.split(',').map((s) => Number(s.trim())))].sort((a, b) => a - b);
  if (days.length < 2 || days.some((d) => !Number.isInteger(d) || d < 1 || d > 3660)) {
    throw new Error(`BENCH_FEED_HISTORIES must list at least two whole numbers of days (1..3660), not "${raw}"`);
  }
  return days;
}

const settings = {
  n: intEnv('BENCH_FEED_N', 50, 1),
  warmup: intEnv('BENCH_FEED_WARMUP', 20, 0),
  histories: historiesEnv(),
  profile: process.env.BENCH_FEED_PROFILE !== '0',
  profileN: intEnv('BENCH_FEED_PROFILE_N', 20, 1),
  seed: intEnv('BENCH_FEED_SEED', 4, 0),
  dist: (process.env.BENCH_DIST || 'dist').replace(/\/+$/, ''),
  pgAdminUrl: process.env.BENCH_PG_ADMIN_URL || DEFAULT_PG_ADMIN_URL,
  redisUrl: process.env.BENCH_REDIS_URL || 'redis://127.0.0.1:6379',
  record: process.env.BENCH_RECORD !== '0',
};

const runId = `${process.pid}`;
const log = (message) => console.log(`[bench:feed] ${message}`);
const distPath = (rel) => path.join(REPO_ROOT, settings.dist, rel);
const require = createRequire(import.meta.url);

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
  'NODE_OPTIONS',
];

function musterEnv(extra) {
  const env = { ...process.env };
  for (const key of MUSTER_KEYS) delete env[key];
  return {
    ...env,
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    AUTH_JWT_SECRET: JWT_SECRET,
    REGION_DATA: REGION_FILE,
    REGION_TIMEZONE: TIME_ZONE,
    LOG_LEVEL: 'info',
    WORKER_METRICS_PORT: '0',
    // A benchmark is one client at full speed: request limits would measure the limiter instead.
    RATE_LIMIT_PER_TOKEN: 'off',
    RATE_LIMIT_PER_ADDRESS: 'off',
    ...extra,
  };
}

function coordinatorToken() {
  return new SignJWT({ name: 'Bench Coordinator', roles: ['regional-coordinator'], clearance: 'OFFICIAL-SENSITIVE' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(`bench-coordinator-${runId}`)
    .setAudience('muster')
    .setIssuedAt()
    .setExpirationTime('2h')
    .sign(new TextEncoder().encode(JWT_SECRET));
}

/** Muster's compiled modules (from BENCH_DIST), for the history's shapes and the in-process breakdown. */
function loadMuster() {
  for (const script of [
    'apps/api/src/main.js',
    'apps/worker/src/main.js',
    'libs/persistence/src/cli/migrate.js',
    'libs/domain/src/index.js',
  ]) {
    if (!existsSync(distPath(script)))
      throw new Error(`${settings.dist}/${script} is missing: run \`npm run build\` (or point BENCH_DIST at a build)`);
  }
  require('reflect-metadata');
  return {
    domain: require(distPath('libs/domain/src/index.js')),
    contracts: require(distPath('libs/contracts/src/index.js')),
    application: require(distPath('libs/application/src/index.js')),
    persistence: require(distPath('libs/persistence/src/index.js')),
  };
}

async function http(apiUrl, token, method, route, body, expect = [200, 201]) {
  const response = await fetch(`${apiUrl}${route}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      accept: 'application/json',
      ...(body !== undefined && { 'content-type': 'application/json' }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  if (!expect.includes(response.status))
    throw new Error(`${method} ${route} answered ${response.status}: ${text.slice(0, 400)}`);
  return text === '' ? undefined : JSON.parse(text);
}

async function waitForApi(api, apiUrl) {
  await waitFor(
    `the api (${api.name}) to be ready`,
    async () => {
      if (!api.running) throw new Error(`${api.name} exited (${api.describeExit()}):\n${api.tail()}`);
      const response = await fetch(`${apiUrl}/health/ready`, { signal: AbortSignal.timeout(2_000) });
      return response.status === 200;
    },
    { timeoutMs: 60_000, intervalMs: 200 },
  );
}

/** Until the worker's relay has sequenced and published every journal row and the board has projected them. */
async function waitForRelay(pool, worker, what) {
  let last = 0;
  await waitFor(
    what,
    async () => {
      if (!worker.running) throw new Error(`worker exited (${worker.describeExit()}):\n${worker.tail()}`);
      const { rows } = await pool.query(
        `SELECT (SELECT count(*) FROM journal WHERE seq IS NULL)::int AS pending,
                (SELECT sequenced FROM relay_state WHERE name = 'live')::bigint AS sequenced,
                (SELECT published FROM relay_state WHERE name = 'live')::bigint AS published,
                (SELECT seq FROM projection_checkpoint WHERE name = 'board')::bigint AS projected`,
      );
      const r = rows[0];
      if (Date.now() - last > 10_000) {
        last = Date.now();
        log(
          `  relay: ${r.pending} to sequence, ${r.sequenced} sequenced, ${r.published} published, board at ${r.projected}`,
        );
      }
      return r.pending === 0 && r.sequenced === r.published && r.published === r.projected;
    },
    { timeoutMs: 600_000, intervalMs: 500 },
  );
}

// ---------------------------------------------------------------------------------------------------------
// Setup: one database per history length

/** The reporting day's own data, made over HTTP: the same in every database. */
async function reportingDayOverHttp(apiUrl, token, { cells, authorities, date }) {
  let requests = 0;
  for (const cell of cells) {
    for (const [i, authority] of authorities.entries()) {
      // One authority is silent in one cell today, as happens.
      if (cell.slug === 'food' && i === authorities.length - 1) continue;
      const figures = fullFigures(cell, authority, 0);
      const body = { figures, ...(i % 3 === 0 && { rag: i % 2 === 0 ? 'amber' : 'green' }) };
      await http(apiUrl, token, 'PUT', `/api/v1/cells/${cell.slug}/sitreps/${authority}/${date}`, body);
      requests += 1;
    }
  }
  for (const [cell, authority] of [
    ['ppe', authorities[3]],
    ['homelessness', authorities[0]],
    ['shielding', authorities[5]],
  ]) {
    const c = cells.find((x) => x.slug === cell);
    const figures = fullFigures(c, authority, 0);
    const key = c.figures[0].key;
    figures[key] = Math.max(0, figures[key] - 3);
    await http(apiUrl, token, 'PUT', `/api/v1/cells/${cell}/sitreps/${authority}/${date}`, {
      figures,
      narrative: 'Corrected after the call.',
    });
    requests += 1;
  }
  const raise = (body) => http(apiUrl, token, 'POST', '/api/v1/escalations', { marking: 'OFFICIAL', ...body });
  await raise({
    authority: authorities[3],
    cell: 'ppe',
    title: 'Care homes below two days of FFP3 masks',
    detail: 'Three care homes report outbreaks; FFP3 stock covers 2 days at current use.',
    severity: 'high',
    ask: 'Release from the regional hub.',
  });
  const second = await raise({
    authority: authorities[1],
    cell: 'homelessness',
    title: 'Night shelter closing for repairs',
    detail: 'Forty beds lost from Friday.',
    severity: 'medium',
  });
  await http(apiUrl, token, 'POST', `/api/v1/escalations/${second.id}/resolve`, {
    resolution: 'Beds found in two hotels.',
  });
  requests += 3;
  const decidedAt = new Date(Date.now() - 60_000).toISOString();
  for (const [cell, title] of [
    ['ppe', 'Release FFP3 masks from the regional hub'],
    ['homelessness', 'Block-book hotel rooms for a fortnight'],
  ]) {
    await http(apiUrl, token, 'POST', `/api/v1/cells/${cell}/decisions`, {
      title,
      decision: `${title}, as discussed at the morning call.`,
      rationale: 'The figures reported this morning.',
      informationAvailable: "This morning's situation reports.",
      options: [
        { option: title, chosen: true },
        { option: 'Wait', chosen: false },
      ],
      decidedAt,
      marking: 'OFFICIAL',
      authorities: [authorities[0]],
    });
    requests += 1;
  }
  return requests;
}

async function setUpDatabase(days, ctx, shared) {
  const dbName = `muster_bench_${runId}_h${days}`;
  const prefix = `muster-bench-${runId}-h${days}`;
  const db = { days, label: `${days} day${days === 1 ? '' : 's'}`, dbName, prefix, queuePrefix: `{${prefix}:jobs}` };
  ctx.databases.push(db);
  const setupStart = Date.now();
  db.url = await createBenchDatabase(settings.pgAdminUrl, dbName);
  const env = musterEnv({ DATABASE_URL: db.url, REDIS_URL: settings.redisUrl, REDIS_PREFIX: prefix });
  await runScript(`migrate-h${days}`, `${settings.dist}/libs/persistence/src/cli/migrate.js`, env, 120_000);
  await runScript(`seed-h${days}`, `${settings.dist}/libs/persistence/src/cli/seed.js`, env, 120_000);

  const client = new pg.Client({ connectionString: db.url, statement_timeout: 600_000 });
  await client.connect();
  try {
    const history = buildHistory({
      domain: shared.muster.domain,
      cells: shared.cells,
      authorities: shared.authorities,
      targetDate: shared.date,
      days,
      timeZone: TIME_ZONE,
      seed: settings.seed,
      principal: shared.principal,
    });
    await insertHistory(client, history, shared.muster.contracts.topicsOf);
    log(
      `${db.label}: ${history.sitreps.length} sitreps, ${history.decisions.length} decisions, ` +
        `${history.escalations.length} escalations and ${history.events.length} journal events before ${shared.date}`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }

  const pool = new pg.Pool({ connectionString: db.url, max: 2 });
  ctx.closers.push(() => pool.end());
  const port = await freePort();
  db.apiUrl = `http://127.0.0.1:${port}`;
  db.api = new Child({
    name: `api-h${days}`,
    script: `${settings.dist}/apps/api/src/main.js`,
    env: { ...env, PORT: String(port) },
  }).start();
  const worker = new Child({
    name: `worker-h${days}`,
    script: `${settings.dist}/apps/worker/src/main.js`,
    env,
  }).start();
  ctx.children.push(db.api, worker);
  await Promise.all([worker.waitForLine(/worker ready/, 60_000), waitForApi(db.api, db.apiUrl)]);
  await waitForRelay(pool, worker, `the worker to relay ${db.label} of history`);
  const requests = await reportingDayOverHttp(db.apiUrl, shared.token, {
    cells: shared.cells,
    authorities: shared.authorities,
    date: shared.date,
  });
  await waitForRelay(pool, worker, `the worker to relay ${shared.date}`);
  // Stopped while timing: the relay and timers would share the two cores with the api. Generation does
  // not need it (the feed's journal row waits, unsequenced, as it would between two relay polls).
  await worker.stop();

  const vacuum = new pg.Client({ connectionString: db.url });
  await vacuum.connect();
  try {
    await vacuum.query('VACUUM ANALYZE');
  } finally {
    await vacuum.end().catch(() => undefined);
  }
  const { rows } = await pool.query(
    `SELECT (SELECT count(*) FROM sitrep)::int AS sitreps,
            (SELECT count(DISTINCT date) FROM sitrep)::int AS sitrep_days,
            (SELECT count(*) FROM journal)::int AS journal,
            (SELECT count(*) FROM board_item)::int AS board_items,
            (SELECT count(*) FROM decision_log_entry)::int AS decisions,
            (SELECT count(*) FROM escalation)::int AS escalations,
            pg_database_size(current_database())::bigint AS bytes`,
  );
  db.counts = { ...rows[0], bytes: Number(rows[0].bytes) };
  log(
    `${db.label}: ready in ${((Date.now() - setupStart) / 1000).toFixed(1)} s (${requests} requests for ${shared.date}); ` +
      `${db.counts.sitreps} sitreps over ${db.counts.sitrep_days} days, ${db.counts.journal} journal rows, ` +
      `${db.counts.board_items} board items; api pid ${db.api.pid} on ${db.apiUrl}`,
  );
  return db;
}

// ---------------------------------------------------------------------------------------------------------
// Timing over HTTP

async function generateOverHttp(db, token, date) {
  const started = performance.now();
  const response = await fetch(`${db.apiUrl}/api/v1/feeds/daily/${date}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  const took = performance.now() - started;
  if (response.status !== 201)
    throw new Error(
      `POST /api/v1/feeds/daily/${date} (${db.label}) answered ${response.status}: ${text.slice(0, 400)}`,
    );
  return { took, text };
}

/** Checks once that the feed covers what the benchmark says it does. */
function checkFeed(db, text, shared) {
  const feed = JSON.parse(text);
  const cells = feed.cells ?? [];
  if (cells.length !== shared.cells.length)
    throw new Error(`${db.label}: the feed has ${cells.length} cells, not ${shared.cells.length}`);
  const json = JSON.stringify(cells);
  const missing = shared.authorities.filter((code) => !json.includes(code));
  if (missing.length > 0) throw new Error(`${db.label}: the feed does not mention ${missing.join(', ')}`);
  db.feedBytes = Buffer.byteLength(text);
}

async function timeOverHttp(dbs, shared) {
  const times = new Map(dbs.map((db) => [db, []]));
  const rounds = settings.warmup + settings.n;
  log(
    `generating the feed for ${shared.date}: ${settings.warmup} warm-up and ${settings.n} timed rounds, ` +
      `round-robin over ${dbs.map((d) => d.label).join(', ')}`,
  );
  for (let round = 0; round < rounds; round++) {
    const order = dbs.map((_, i) => dbs[(i + round) % dbs.length]);
    for (const db of order) {
      const { took, text } = await generateOverHttp(db, shared.token, shared.date);
      if (round === 0) checkFeed(db, text, shared);
      if (round >= settings.warmup) times.get(db).push(took);
    }
  }
  return times;
}

// ---------------------------------------------------------------------------------------------------------
// Where the time goes: the application's feed code in this process

/** Times every statement sent through pg's Client#query while `capture.on` (TypeORM's queries included). */
function captureQueries() {
  const capture = { on: false, records: [] };
  const proto = pg.Client.prototype;
  const original = proto.query;
  proto.query = function query(config, values, callback) {
    if (!capture.on || typeof callback === 'function' || typeof values === 'function')
      return original.apply(this, arguments);
    const text = typeof config === 'string' ? config : config?.text;
    const params = Array.isArray(values) ? values : config?.values;
    const started = performance.now();
    const result = original.apply(this, arguments);
    if (result && typeof result.then === 'function') {
      result.then(
        (r) => capture.records.push({ text, params, ms: performance.now() - started, rows: r?.rows?.length ?? 0 }),
        () => undefined,
      );
    }
    return result;
  };
  capture.restore = () => {
    proto.query = original;
  };
  return capture;
}

/** A short name for each of the feed's statements (fallback: the statement's start). */
const STATEMENTS = [
  [/FROM sitrep\b/, 'sitrep carry window (x4 cells)'],
  [/FROM journal WHERE occurred_at >= \$1::timestamptz - interval/, 'journal: last position before day end'],
  [/FROM journal\s+WHERE occurred_at >= \$1 AND occurred_at < \$2 AND type IN/, "journal: the day's ladder steps"],
  [/FROM projection_checkpoint/, 'board: checkpoint'],
  [/SELECT occurred_at FROM journal WHERE seq =/, 'board: time of position'],
  [/FROM board_item/, 'board: items at position'],
  [/FROM "escalation"[\s\S]*= ANY\(/, 'escalations by id'],
  [/FROM "escalation"[\s\S]*WHERE[\s\S]*raised_at/, 'escalations raised in the day'],
  [/FROM "decision_log_entry"/, "decision log: the day's entries"],
  [/unnest\(\$1::text\[\]\)/, 'decision log: heads at day end'],
  [/FROM "authority"/, 'reference: authorities'],
  [/FROM "cell"/, 'reference: cells'],
  [/^(START TRANSACTION|BEGIN)/, 'tx: begin'],
  [/pg_advisory_xact_lock/, 'tx: lock the day'],
  [/max\(version\).*FROM daily_feed/s, 'tx: next version'],
  [/INSERT INTO daily_feed/, 'tx: insert feed'],
  [/INSERT INTO journal/, 'tx: journal feed.published'],
  [/pg_notify/, 'tx: notify relay'],
  [/^COMMIT/, 'tx: commit'],
];
const statementName = (text) =>
  STATEMENTS.find(([re]) => re.test(text))?.[1] ?? text.replace(/\s+/g, ' ').trim().slice(0, 60);

function wrapPort(name, port, calls) {
  return new Proxy(port, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function' || prop === 'constructor') return value;
      return function timed(...args) {
        const started = performance.now();
        const result = value.apply(target, args);
        if (!result || typeof result.then !== 'function') return result;
        return result.then((resolved) => {
          calls.push({ name: `${name}.${String(prop)}`, ms: performance.now() - started, args, result: resolved });
          return resolved;
        });
      };
    },
  });
}

async function explain(client, text, params, times = 5) {
  const runs = [];
  let plan;
  for (let i = 0; i < times; i++) {
    const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${text}`, params);
    plan = rows[0]['QUERY PLAN'][0];
    runs.push(plan['Execution Time']);
  }
  runs.sort((a, b) => a - b);
  const nodes = [];
  const walk = (node, depth) => {
    if (depth > 3) return;
    const index = node['Index Name']
      ? ` ${node['Index Name']}`
      : node['Relation Name']
        ? ` ${node['Relation Name']}`
        : '';
    nodes.push(
      `${node['Node Type']}${index} (${node['Actual Rows']}${node['Actual Loops'] > 1 ? `x${node['Actual Loops']}` : ''})`,
    );
    for (const child of node.Plans ?? []) walk(child, depth + 1);
  };
  walk(plan.Plan, 0);
  return { execMs: runs[Math.floor(runs.length / 2)], planMs: plan['Planning Time'], plan: nodes.join(' > ') };
}

async function profileInProcess(db, shared, capture) {
  const { application, domain, persistence } = shared.muster;
  const ds = persistence.createDataSource({ url: db.url, poolSize: 10, applicationName: 'muster-bench-profile' });
  await ds.initialize();
  const region = shared.regionFile.region;
  const calls = [];
  const reference = wrapPort('reference', new persistence.ReferenceRepository(ds), calls);
  const sitreps = wrapPort('sitreps', new persistence.SitrepRepository(ds), calls);
  const board = wrapPort('board', new persistence.BoardReader(ds), calls);
  const source = wrapPort(
    'source',
    new persistence.PostgresFeedSource(ds, async () => ({ code: region.code, name: region.name })),
    calls,
  );
  const inputs = new application.DailyFeedInputs(reference, sitreps, board, source);
  const publisher = new application.DailyFeedPublisher(
    inputs,
    { timeZone: TIME_ZONE },
    new persistence.TypeOrmUnitOfWork(ds),
  );
  const date = shared.date;
  const before = domain.previousDay(date);
  const windowFrom = application.carryWindowStart(before);
  const plainSitreps = new persistence.SitrepRepository(ds);
  const slugs = shared.cells.map((c) => c.slug);
  const out = { publish: [], gather: [], build: [], windows: [], statements: new Map(), explains: new Map() };

  const publishOnce = () => publisher.publish(date, 'bench-profile', new Date(), (stored) => stored.version);
  try {
    for (let i = 0; i < 5; i++) await publishOnce();
    // 1. The whole of what the api's handler runs (gather, build, store), with every statement timed.
    for (let i = 0; i < settings.profileN; i++) {
      calls.length = 0;
      capture.records = [];
      capture.on = true;
      const t = performance.now();
      await publishOnce();
      out.publish.push(performance.now() - t);
      capture.on = false;
      const perName = new Map();
      for (const record of capture.records) {
        const name = statementName(record.text);
        const entry = perName.get(name) ?? { ms: 0, count: 0, rows: 0, text: record.text, params: record.params };
        entry.ms += record.ms;
        entry.count += 1;
        entry.rows += record.rows;
        perName.set(name, entry);
      }
      for (const [name, entry] of perName) {
        const list = out.statements.get(name) ?? [];
        list.push(entry);
        out.statements.set(name, list);
      }
    }
    out.windowRows = calls.filter((c) => c.name === 'sitreps.window').map((c) => ({ cell: c.args[0], rows: c.result }));
    // 2. Its parts on their own: gathering the inputs, building the feed, and the four carry-window reads
    //    (concurrent, as gather runs them: SQL, row decoding and mapping to Sitreps).
    for (let i = 0; i < settings.profileN; i++) {
      const t0 = performance.now();
      const { input } = await inputs.gather(date, TIME_ZONE, new Date());
      const t1 = performance.now();
      domain.buildDailyFeed(input);
      const t2 = performance.now();
      await Promise.all(slugs.map((slug) => plainSitreps.window(slug, windowFrom, date)));
      const t3 = performance.now();
      out.gather.push(t1 - t0);
      out.build.push(t2 - t1);
      out.windows.push(t3 - t2);
    }
    // 3. The carry-forward arithmetic of DailyFeedInputs.figures() on the windows just read, on its own.
    const cells = await new persistence.ReferenceRepository(ds).cells();
    const perCell = out.windowRows.map(({ cell, rows }) => ({ cell: cells.find((c) => c.slug === cell), rows }));
    const once = () => {
      for (const { cell, rows } of perCell) {
        const forDay = rows.filter((s) => s.date >= application.carryWindowStart(date));
        application.effectiveByAuthority(cell, forDay, date);
        application.effectiveByAuthority(cell, rows, before);
      }
    };
    for (let i = 0; i < 200; i++) once();
    const t = performance.now();
    for (let i = 0; i < 500; i++) once();
    out.effective = (performance.now() - t) / 500;
    // 4. Where the JavaScript thread spends a publish (sampled; the profiler slows it a little). A first,
    //    discarded session takes the profiler's own start-up cost.
    await withCpuProfile(async () => {
      for (let i = 0; i < 3; i++) await publishOnce();
    });
    const { profile } = await withCpuProfile(async () => {
      for (let i = 0; i < settings.profileN; i++) await publishOnce();
    });
    out.cpu = summarizeProfile(profile);
    // 5. PostgreSQL's own execution time and plan for each statement, with the parameters it was sent.
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      for (const [name, list] of out.statements) {
        const { text, params } = list.at(-1);
        // Read-only statements only: EXPLAIN ANALYZE runs what it explains (an insert would run twice).
        if (!/^\s*(SELECT|WITH)\b/i.test(text) || /\b(INSERT|UPDATE|DELETE)\b/i.test(text)) continue;
        out.explains.set(name, await explain(client, text, params));
      }
    } finally {
      await client.end().catch(() => undefined);
    }
  } finally {
    await ds.destroy().catch(() => undefined);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Report

const p = (values, q) =>
  percentile(
    [...values].sort((a, b) => a - b),
    q,
  );
const fmt = (value) => (Number.isFinite(value) ? (value >= 100 ? value.toFixed(0) : value.toFixed(1)) : '-');

function report(dbs, times, profiles) {
  const first = dbs[0];
  const last = dbs.at(-1);
  const stats = new Map(
    dbs.map((db) => {
      const list = times.get(db);
      return [
        db,
        { n: list.length, min: Math.min(...list), p50: p(list, 50), p95: p(list, 95), max: Math.max(...list) },
      ];
    }),
  );
  const headers = [
    'history',
    'sitrep rows',
    'journal rows',
    'feed bytes',
    'n',
    'min ms',
    'p50 ms',
    'p95 ms',
    'max ms',
    `p50 / ${first.label}`,
  ];
  const rows = dbs.map((db) => {
    const s = stats.get(db);
    return [
      db.label,
      db.counts.sitreps,
      db.counts.journal,
      db.feedBytes,
      s.n,
      fmt(s.min),
      fmt(s.p50),
      fmt(s.p95),
      fmt(s.max),
      `${(s.p50 / stats.get(first).p50).toFixed(2)}x`,
    ];
  });
  const ratio = stats.get(last).p50 / stats.get(first).p50;
  const standard = first.days === 1 && last.days === 365;
  const ratioMet = ratio < TARGET_RATIO;
  const absMet = stats.get(last).p95 < TARGET_365_MS;
  const verdict = !standard
    ? `NOT EVALUATED (the target compares 1 and 365 days; this run compared ${first.label} and ${last.label})`
    : ratioMet && absMet
      ? 'MET'
      : `MISSED (${[!ratioMet && `ratio ${ratio.toFixed(2)} >= ${TARGET_RATIO}`, !absMet && `365-day p95 ${fmt(stats.get(last).p95)} ms >= ${TARGET_365_MS} ms`].filter(Boolean).join('; ')})`;
  const window = dbs.find((db) => db.days === 30);
  const windowRatio = window && window !== last ? stats.get(last).p50 / stats.get(window).p50 : undefined;

  const lines = [
    table(headers, rows),
    '',
    `ratio p50 ${last.label} / ${first.label}: ${ratio.toFixed(2)}x` +
      (windowRatio === undefined ? '' : `; ${last.label} / ${window.label}: ${windowRatio.toFixed(2)}x`),
    `target: ratio < ${TARGET_RATIO} and p95 < ${TARGET_365_MS} ms with 365 days: ${verdict}`,
  ];

  let breakdown;
  if (profiles) {
    const col = (fn) => dbs.map((db) => fn(profiles.get(db), db));
    const med = (list) => fmt(p(list, 50));
    const names = [];
    for (const db of dbs)
      for (const name of profiles.get(db).statements.keys()) if (!names.includes(name)) names.push(name);
    const statementRows = names.map((name) => [
      `  ${name}`,
      ...col((pr) => {
        const list = pr.statements.get(name);
        if (!list) return '-';
        const perGen = med(list.map((e) => e.ms));
        const calls = list[0].count;
        const rowsPer = Math.round(list.at(-1).rows / calls);
        const ex = pr.explains.get(name);
        return `${perGen}${calls > 1 ? ` (${calls}x)` : ''} [${rowsPer} rows${ex ? `, exec ${fmt(ex.execMs)}` : ''}]`;
      }),
    ]);
    const cpu = (pr, cat) => (pr.cpu.categories.find(([c]) => c === cat)?.[1] ?? 0) / settings.profileN;
    const cpuCats = [];
    for (const db of dbs)
      for (const [cat] of profiles.get(db).cpu.categories) if (!cpuCats.includes(cat)) cpuCats.push(cat);
    const bheaders = ['component (p50 ms per generation)', ...dbs.map((db) => db.label)];
    const brows = [
      ['HTTP POST (client, above)', ...dbs.map((db) => fmt(stats.get(db).p50))],
      ['DailyFeedPublisher.publish in-process (what the handler runs)', ...col((pr) => med(pr.publish))],
      ['  gather inputs (DailyFeedInputs.gather), alone', ...col((pr) => med(pr.gather))],
      ['    4 carry-window reads, concurrent, alone (SitrepReader.window)', ...col((pr) => med(pr.windows))],
      ['    carry-forward arithmetic (effectiveByAuthority x8), alone', ...col((pr) => fmt(pr.effective))],
      [
        '    sitrep rows per cell in the carry window',
        ...col((pr) => pr.windowRows.map((w) => w.rows.length).join('/')),
      ],
      ['  buildDailyFeed, alone', ...col((pr) => med(pr.build))],
      ['Statements in publish: ms as the client saw them (calls) [rows; EXPLAIN exec ms]', ...dbs.map(() => '')],
      ...statementRows,
    ];
    const cpuRows = [
      [`JavaScript thread during publish (sampled self time, ms per publish)`, ...dbs.map(() => '')],
      ...cpuCats
        .filter((cat) => dbs.some((db) => cpu(profiles.get(db), cat) >= 0.05))
        .map((cat) => [`  ${cat}`, ...col((pr) => fmt(cpu(pr, cat)))]),
    ];
    const plans = [];
    for (const db of [first, last]) {
      const pr = profiles.get(db);
      for (const [name, ex] of pr.explains)
        plans.push([`${db.label}: ${name}`, fmt(ex.execMs), fmt(ex.planMs), ex.plan]);
    }
    // For RESULTS.md: every plan with the longest history, and the carry window's with the shortest.
    const recordedPlans = plans.filter(
      ([label]) => label.startsWith(`${last.label}:`) || /sitrep carry window/.test(label),
    );
    const top = dbs.map((db) => [
      db.label,
      profiles
        .get(db)
        .cpu.functions.slice(0, 8)
        .map(([f, t]) => `${fmt(t / settings.profileN)} ms ${f}`),
    ]);
    breakdown = { bheaders, brows, plans: recordedPlans, top };
    lines.push(
      '',
      "Where the time goes (in this process, the application's DailyFeedInputs and DailyFeedPublisher from dist/; ms are p50 per generation):",
      table(bheaders, [...brows, ...cpuRows]),
      '',
      'Plans (EXPLAIN ANALYZE, median of 5):',
      table(['statement', 'exec ms', 'plan ms', 'plan'], plans),
      '',
      'Heaviest functions by self time (ms per generation, in-process):',
      ...top.flatMap(([label, list]) => [`  ${label}:`, ...list.map((l) => `    ${l}`)]),
    );
  }
  return { text: lines.join('\n'), headers, rows, ratio, windowRatio, verdict, stats, breakdown };
}

// ---------------------------------------------------------------------------------------------------------

async function main() {
  const started = new Date();
  const ctx = { children: [], closers: [], databases: [] };
  const redis = new Redis(settings.redisUrl, {
    maxRetriesPerRequest: 3,
    connectionName: 'bench-feed',
    lazyConnect: true,
  });
  redis.on('error', () => undefined);
  let capture;

  let cleaned;
  const cleanup = () =>
    (cleaned ??= (async () => {
      await stopAll(15_000);
      capture?.restore();
      for (const close of ctx.closers.reverse())
        await Promise.resolve()
          .then(close)
          .catch(() => undefined);
      try {
        if (redis.status !== 'ready') await redis.connect();
        const patterns = ctx.databases.flatMap((db) => [
          `${literalPattern(db.prefix)}:*`,
          `${literalPattern(db.queuePrefix)}*`,
        ]);
        const deleted = patterns.length === 0 ? 0 : await deleteKeys(redis, patterns);
        log(`removed ${deleted} Redis keys under muster-bench-${runId}-h*`);
      } catch (error) {
        console.error(`[bench:feed] could not remove Redis keys: ${error.message}`);
      }
      redis.disconnect();
      for (const db of ctx.databases) {
        if (!db.url) continue;
        try {
          await dropBenchDatabase(settings.pgAdminUrl, db.dbName);
          log(`dropped database ${db.dbName}`);
        } catch (error) {
          console.error(`[bench:feed] could not drop database ${db.dbName}: ${error.message}`);
        }
      }
    })());
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      console.error(`[bench:feed] ${signal}: cleaning up`);
      void cleanup().finally(() => process.exit(130));
    });
  }

  try {
    await redis.connect();
    const muster = loadMuster();
    const regionFile = JSON.parse(readFileSync(path.join(REPO_ROOT, REGION_FILE), 'utf8'));
    const shared = {
      muster,
      regionFile,
      cells: domainCells(regionFile),
      authorities: regionFile.authorities.map((a) => a.code),
      date: muster.domain.reportingDay(new Date(), TIME_ZONE),
      principal: muster.domain.principal({
        sub: `bench-coordinator-${runId}`,
        name: 'Bench Coordinator',
        roles: ['regional-coordinator'],
        clearance: 'OFFICIAL-SENSITIVE',
      }),
      token: await coordinatorToken(),
    };
    const env = { machine: machine(), postgres: await serverVersion(settings.pgAdminUrl) };
    const loadBefore = load1();
    log(
      `${shared.authorities.length} authorities, ${shared.cells.length} cells; reporting day ${shared.date} (${TIME_ZONE}); ` +
        `histories ${settings.histories.join(', ')} days; Muster from ${settings.dist}/; load average ${loadBefore} on ${env.machine.cores} cores`,
    );

    const dbs = [];
    for (const days of settings.histories) dbs.push(await setUpDatabase(days, ctx, shared));
    const loadSetup = load1();
    const times = await timeOverHttp(dbs, shared);
    const loadTimed = load1();
    for (const db of dbs) await db.api.stop();

    let profiles;
    if (settings.profile) {
      capture = captureQueries();
      profiles = new Map();
      for (const db of dbs) {
        log(`${db.label}: in-process breakdown (${settings.profileN} generations)`);
        profiles.set(db, await profileInProcess(db, shared, capture));
      }
    }
    const loadAfter = load1();

    const result = report(dbs, times, profiles);
    console.log(`\n${result.text}\n`);
    console.log(
      `load average (1 min): ${loadBefore} before, ${loadSetup} after setup, ${loadTimed} after timing, ${loadAfter} after the breakdown\n`,
    );

    if (settings.record) {
      const mc = env.machine;
      const last = dbs.at(-1);
      const window = dbs.find((db) => db.days === 30);
      const entry = [
        `### ${started.toISOString().replace(/\.\d+Z$/, 'Z')}: ${result.verdict}`,
        '',
        `Machine: ${mc.cores} cores (${mc.cpu}), ${mc.memoryGiB} GiB, ${mc.platform}; Node ${mc.node}, ` +
          `PostgreSQL ${env.postgres}; load average ${loadBefore} / ${loadTimed} (before, after timing).`,
        `Run: ${shared.authorities.length} authorities, ${shared.cells.length} cells, reporting day ${shared.date}; ` +
          `history built in PostgreSQL (sitreps, decisions, escalations, journal relayed and projected by a worker), ` +
          `the day itself over HTTP; one api per database, ${settings.warmup} warm-up then ${settings.n} timed ` +
          `\`POST /api/v1/feeds/daily/:date\` round-robin (client time to the end of the 201); Muster from ${settings.dist}/.`,
        '',
        markdownTable(result.headers, result.rows),
        '',
        `Ratio p50 ${last.label} / ${dbs[0].label}: **${result.ratio.toFixed(2)}x**` +
          (result.windowRatio === undefined
            ? ''
            : `; ${last.label} / ${window.label}: ${result.windowRatio.toFixed(2)}x`) +
          `. Target ratio < ${TARGET_RATIO} and p95 < ${TARGET_365_MS} ms with 365 days: **${result.verdict}**.`,
        ...(result.breakdown
          ? [
              '',
              "<details><summary>Where the time goes (in-process: the application's feed code from dist/, p50 per generation)</summary>",
              '',
              markdownTable(
                result.breakdown.bheaders,
                result.breakdown.brows.map(([label, ...rest]) => [
                  label.replace(/^ +/, (sp) => '&nbsp;'.repeat(sp.length)),
                  ...rest,
                ]),
              ),
              '',
              markdownTable(['statement (EXPLAIN ANALYZE)', 'exec ms', 'plan ms', 'plan'], result.breakdown.plans),
              '',
              '</details>',
            ]
          : []),
      ].join('\n');
      log(`recorded in ${recordScenario('feed', entry)}`);
    }
  } finally {
    await cleanup();
  }
}

runScenario('feed', main);
