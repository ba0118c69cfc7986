#!/usr/bin/env node
// The console's board page against the API's board: `GET /` (the page, for a signed-in person) beside
// `GET /api/v1/board` (JSON, bearer token) for the same reader, one request at a time, p50 and p99 side by
// side, for the West Midlands (7 authorities x 4 cells) and a national-size region (340 x 50, generated:
// bench/lib/national-region.mjs), each in a database of its own with every authority's return for every
// cell submitted through the api, and some escalations and decision requests open. Target: the page costs
// at most 1.5x the JSON, at p50 and at p99.
//
//   npm run bench -- console-board
//
// Knobs (env): BENCH_BOARD_N (200: measured pairs for the West Midlands; a tenth of it, at least 20, for the
// national board), BENCH_BOARD_AUTHORITIES (340), BENCH_BOARD_CELLS (50), BENCH_DIST, BENCH_RECORD=0.
import { createRequire } from 'node:module';
import { fullFigures } from './feed-history.mjs';
import { BenchRun, intEnv, load1, machineLine, runLoad, TIME_ZONE } from './lib/muster.mjs';
import { nationalRegion, writeRegionFile } from './lib/national-region.mjs';
import { runScenario } from './lib/processes.mjs';
import { recordScenario } from './lib/results.mjs';
import { markdownTable, summarize, table } from './lib/stats.mjs';

const TARGET_RATIO = 1.5;
const N = intEnv('BENCH_BOARD_N', 200, 10);
const AUTHORITIES = intEnv('BENCH_BOARD_AUTHORITIES', 340, 8);
const CELLS = intEnv('BENCH_BOARD_CELLS', 50, 4);
const READER = { name: 'Bench Coordinator', roles: ['regional-coordinator'], clearance: 'OFFICIAL-SENSITIVE' };

async function measureRegion(label, region, regionFile, n, env, loads) {
  const run = new BenchRun('console-board');
  // One database and Redis prefix per region, in one process: named apart.
  run.dbName = `${run.dbName}_${label.replace(/\W+/g, '_').toLowerCase()}`;
  run.prefix = `${run.prefix}-${label.replace(/\W+/g, '-').toLowerCase()}`;
  run.queuePrefix = `{${run.prefix}:jobs}`;
  if (regionFile !== undefined) {
    const env0 = run.env.bind(run);
    run.env = (extra = {}) => env0({ REGION_DATA: regionFile, ...extra });
  }
  try {
    await run.prepare();
    await run.start();
    const token = await run.token(READER);
    const headers = { authorization: `Bearer ${token}`, accept: 'application/json' };
    const date = run.domain().reportingDay(new Date(), TIME_ZONE);
    const codes = region.authorities.map((a) => a.code);
    const requests = region.cells.flatMap((cell) =>
      codes.map((authority) => ({
        method: 'PUT',
        path: `/api/v1/cells/${cell.slug}/sitreps/${authority}/${date}`,
        body: { figures: fullFigures(cell, authority, 0) },
      })),
    );
    run.log(`${label}: ${requests.length} returns through the api, then escalations and decision requests`);
    const returns = await runLoad({
      kind: 'http',
      url: run.apiUrl,
      headers,
      requests,
      concurrency: 32,
      count: requests.length,
    });
    if (returns.errors > 0) throw new Error(`${returns.errors} returns failed, first: ${returns.firstError}`);
    await openItems(run, region, headers);
    await run.relayIdle();
    const cookie = await sessionCookie(run, READER);

    const json = { url: `${run.apiUrl}/api/v1/board`, headers };
    const page = { url: `${run.apiUrl}/`, headers: { cookie, accept: 'text/html' } };
    for (let i = 0; i < Math.max(5, Math.round(n / 10)); i++) {
      await timed(json);
      await timed(page);
    }
    const times = { json: [], page: [], bytes: {} };
    for (let i = 0; i < n; i++) {
      // Alternated, so both see the same moments of a busy machine.
      const a = await timed(json);
      const b = await timed(page);
      times.json.push(a.ms);
      times.page.push(b.ms);
      times.bytes = { json: a.bytes, page: b.bytes };
    }
    loads.push(load1());
    return {
      label,
      rows: requests.length,
      n,
      json: summarize(times.json),
      page: summarize(times.page),
      bytes: times.bytes,
    };
  } finally {
    await run.cleanup();
  }
}

/** A few open escalations and decision requests, so the board's lists are not empty. */
async function openItems(run, region, headers) {
  const post = async (path, body) => {
    const response = await fetch(`${run.apiUrl}${path}`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    await response.text();
    if (response.status !== 201) throw new Error(`POST ${path} answered ${response.status}`);
  };
  for (let i = 0; i < 12; i++) {
    const cell = region.cells[i % region.cells.length].slug;
    const authority = region.authorities[i % region.authorities.length].code;
    await post('/api/v1/escalations', {
      authority,
      cell,
      title: `Bench escalation ${i}`,
      detail: 'Stock below two days',
      severity: 'high',
      marking: i % 3 === 0 ? 'OFFICIAL-SENSITIVE' : 'OFFICIAL',
    });
    await post(`/api/v1/cells/${cell}/decision-requests`, {
      question: `Release reserve ${i}?`,
      dueInMinutes: 240,
      marking: 'OFFICIAL',
    });
  }
}

/** A console session as sign-in makes one (sealed with the api's own code from dist/), for the reader. */
async function sessionCookie(run, who) {
  const require = createRequire(import.meta.url);
  const seal = require(run.distPath('apps/api/src/console/auth/session-seal.js'));
  const id = seal.newSessionId();
  const person = {
    sub: `bench-console-${run.runId}`,
    name: who.name,
    roles: who.roles,
    cells: [],
    clearance: who.clearance,
  };
  const sealed = seal.seal(id, { person, idToken: 'bench.id.token', csrfSecret: 'bench-csrf-secret' });
  await run.pool.query(
    `INSERT INTO console_session (id_hash, sub, sealed, access_expires_at, ends_at) VALUES ($1, $2, $3, now() + interval '2 hours', now() + interval '2 hours')`,
    [Buffer.from(seal.sessionIdHash(id)), person.sub, Buffer.from(sealed)],
  );
  // Development cookies (the bench runs NODE_ENV=development): no __Host- prefix.
  return `muster-session=${id}`;
}

async function timed({ url, headers }) {
  const started = process.hrtime.bigint();
  const response = await fetch(url, { headers });
  const body = await response.arrayBuffer();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (response.status !== 200)
    throw new Error(`${url} answered ${response.status}: ${Buffer.from(body).toString('utf8').slice(0, 300)}`);
  return { ms, bytes: body.byteLength };
}

async function main() {
  const started = new Date();
  const probe = new BenchRun('console-board');
  const env = await probe.environment();
  await probe.cleanup();
  const loads = [load1()];
  const westMidlands = probe.region();
  const national = nationalRegion({ authorities: AUTHORITIES, cells: CELLS });
  const results = [
    await measureRegion(
      `West Midlands ${westMidlands.authorities.length} x ${westMidlands.cells.length}`,
      westMidlands,
      undefined,
      N,
      env,
      loads,
    ),
    await measureRegion(
      `national ${AUTHORITIES} x ${CELLS}`,
      national,
      writeRegionFile(national),
      Math.max(20, Math.round(N / 10)),
      env,
      loads,
    ),
  ];
  const r1 = (v) => (Number.isFinite(v) ? v.toFixed(1) : '-');
  const kib = (b) => `${Math.round(b / 1024)} KiB`;
  const headers = [
    'board',
    'rows',
    'n',
    'JSON p50 ms',
    'page p50 ms',
    'p50 ratio',
    'JSON p99 ms',
    'page p99 ms',
    'p99 ratio',
    'JSON size',
    'page size',
    'target',
    'met',
  ];
  const rows = results.map((r) => {
    const p50 = r.page.p50 / r.json.p50;
    const p99 = r.page.p99 / r.json.p99;
    r.met = p50 <= TARGET_RATIO && p99 <= TARGET_RATIO;
    return [
      r.label,
      r.rows,
      r.n,
      r1(r.json.p50),
      r1(r.page.p50),
      p50.toFixed(2),
      r1(r.json.p99),
      r1(r.page.p99),
      p99.toFixed(2),
      kib(r.bytes.json),
      kib(r.bytes.page),
      '<= 1.5x',
      r.met ? 'met' : 'MISSED',
    ];
  });
  const missed = results.filter((r) => !r.met);
  const verdict = missed.length === 0 ? 'MET' : `MISSED (${missed.map((r) => r.label).join('; ')})`;
  console.log(`\n${table(headers, rows)}\n\ntarget: ${verdict}\n`);
  if (process.env.BENCH_RECORD !== '0') {
    const entry = [
      `### ${started.toISOString().replace(/\.\d+Z$/, 'Z')}: ${verdict}`,
      '',
      machineLine(env, loads),
      'Run: one api and one worker from dist/ per region, each region in its own database, every return for today submitted through the api ' +
        '(concurrency 32), 12 escalations (a third OFFICIAL-SENSITIVE) and 12 decision requests open, relay idle; then one request at a time, ' +
        'alternating `GET /api/v1/board` (bearer) and the board page `GET /` (a console session cookie) for a cleared regional coordinator, ' +
        'each timed to the last byte of its body, after a warm-up of a tenth as many. The page also lists the 20 latest decisions (the "as it stood" form) and the cells.',
      '',
      markdownTable(headers, rows),
    ].join('\n');
    console.log(`[bench:console-board] recorded in ${recordScenario('console-board', entry)}`);
  }
}

runScenario('console-board', main);
