#!/usr/bin/env node
// Morning sitrep burst benchmark: every authority's return for every cell submitted at once
// (`PUT /api/v1/cells/:cell/sitreps/:authority/:today`, bounded concurrency), for the region's 7 authorities
// x 4 cells and for a synthetic 343 authorities x 4 cells (336 extra authorities, E09xxxxxx, inserted into
// the bench database's `authority` table before the api starts). Beside each: the same number of bare pg
// single-row INSERTs (each its own transaction) into a journal-shaped scratch table at the same concurrency,
// in the same run. Load generators run in their own process (bench/load-worker.mjs).
//
//   npm run bench -- sitrep-burst
//
// The 343 burst follows the 7 burst on the same day, so its 28 returns from the region's own authorities
// are second versions (corrections). Knobs (env): BENCH_BURST_CONCURRENCY (64), BENCH_BURST_AUTHORITIES
// (343), BENCH_DIST (dist), BENCH_PG_ADMIN_URL, BENCH_REDIS_URL, BENCH_RECORD=0, BENCH_ECHO=1.
import { fullFigures } from './feed-history.mjs';
import {
  BenchRun,
  createBareTable,
  intEnv,
  load1,
  machineCpuMs,
  machineLine,
  procCpuMs,
  runLoad,
  spareConnections,
  TIME_ZONE,
} from './lib/muster.mjs';
import { runScenario } from './lib/processes.mjs';
import { recordScenario } from './lib/results.mjs';
import { markdownTable, summarize, table } from './lib/stats.mjs';

const TARGET_RATIO = 0.5;
const concurrency = intEnv('BENCH_BURST_CONCURRENCY', 64, 1);
const synthetic = intEnv('BENCH_BURST_AUTHORITIES', 343, 8);
const run = new BenchRun('sitrep-burst');

async function main() {
  const started = new Date();
  try {
    const env = await run.environment();
    const loads = [load1()];
    const region = run.region();
    const real = region.authorities.map((a) => a.code);
    const extra = Array.from(
      { length: synthetic - real.length },
      (_, i) => `E09${String(100_000 + i).padStart(6, '0')}`,
    );
    if (!extra.every((code) => /^[EWSN]\d{8}$/.test(code)))
      throw new Error('synthetic authority codes must be GSS codes');
    await run.prepare(async (pool) => {
      await createBareTable(pool);
      await pool.query(
        `INSERT INTO authority (code, name, kind, valid_from) SELECT code, 'Bench authority ' || code, 'metropolitan-borough', DATE '2009-01-01' FROM unnest($1::text[]) AS code`,
        [extra],
      );
    });
    await run.start();
    const token = await run.token();
    const headers = { authorization: `Bearer ${token}`, accept: 'application/json' };
    const date = run.domain().reportingDay(new Date(), TIME_ZONE);
    for (let i = 0; i < 20; i++) {
      const response = await fetch(`${run.apiUrl}/api/v1/cells/ppe/sitreps?date=${date}`, { headers });
      await response.text();
      if (response.status !== 200) throw new Error(`warm-up GET answered ${response.status}`);
    }
    // Warm the write path too (as the bare inserts are warmed): yesterday's returns, which today's do not correct.
    const yesterday = run.domain().reportingDay(new Date(Date.now() - 86_400_000), TIME_ZONE);
    for (const cell of region.cells) {
      for (const authority of real) {
        const response = await fetch(`${run.apiUrl}/api/v1/cells/${cell.slug}/sitreps/${authority}/${yesterday}`, {
          method: 'PUT',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify({ figures: fullFigures(cell, authority, 1) }),
        });
        await response.text();
        if (response.status !== 200 && response.status !== 201)
          throw new Error(`warm-up PUT answered ${response.status}`);
      }
    }
    const bursts = [];
    for (const authorities of [real, [...real, ...extra]]) {
      const requests = region.cells.flatMap((cell) =>
        authorities.map((authority) => ({
          method: 'PUT',
          path: `/api/v1/cells/${cell.slug}/sitreps/${authority}/${date}`,
          body: { figures: fullFigures(cell, authority, 0) },
        })),
      );
      await run.relayIdle();
      const cpu0 = { api: procCpuMs(run.api.pid), worker: procCpuMs(run.worker.pid), machine: machineCpuMs() };
      run.log(
        `Muster: ${authorities.length} authorities x ${region.cells.length} cells = ${requests.length} PUTs at concurrency ${concurrency}`,
      );
      const muster = await runLoad({
        kind: 'http',
        url: run.apiUrl,
        headers,
        requests,
        concurrency: Math.min(concurrency, requests.length),
        count: requests.length,
      });
      if (muster.errors > 0) throw new Error(`${muster.errors} PUTs failed, first: ${muster.firstError}`);
      // Until the relay has published what was written: its work is part of each return's cost.
      await run.relayIdle();
      const cpu = {
        api: procCpuMs(run.api.pid) - cpu0.api,
        worker: procCpuMs(run.worker.pid) - cpu0.worker,
        machine: machineCpuMs() - cpu0.machine,
      };
      run.log(`bare: ${requests.length} pg single-row INSERTs at concurrency ${concurrency}`);
      const poolMax = await spareConnections(run.pool);
      const bareMachine0 = machineCpuMs();
      const bare = await runLoad({
        kind: 'pg',
        databaseUrl: run.databaseUrl,
        concurrency: Math.min(concurrency, requests.length),
        count: requests.length,
        poolMax,
        warmup: 20,
        data: requests[0].body,
      });
      bursts.push({
        label: `${authorities.length} x ${region.cells.length}`,
        n: requests.length,
        muster,
        bare,
        cpu: { ...cpu, bareMachine: machineCpuMs() - bareMachine0 },
      });
      loads.push(load1());
    }
    const { rows: counts } = await run.pool.query(
      'SELECT count(*)::int AS sitreps, count(DISTINCT authority)::int AS authorities FROM sitrep',
    );

    const r1 = (v) => (Number.isFinite(v) ? v.toFixed(1) : '-');
    const results = bursts.map((b) => {
      const m = summarize(b.muster.latencies);
      const bb = summarize(b.bare.latencies);
      const mRate = b.n / (b.muster.elapsedMs / 1000);
      const bRate = b.n / (b.bare.elapsedMs / 1000);
      return { ...b, m, bb, mRate, bRate, ratio: mRate / bRate };
    });
    const headers2 = [
      'burst',
      'n',
      'Muster total ms',
      'Muster/s',
      'p99 ms',
      'bare total ms',
      'bare/s',
      'bare p99',
      'ratio',
      'target',
      'met',
    ];
    const rows = results.map((r) => [
      r.label,
      r.n,
      Math.round(r.muster.elapsedMs),
      Math.round(r.mRate),
      r1(r.m.p99),
      Math.round(r.bare.elapsedMs),
      Math.round(r.bRate),
      r1(r.bb.p99),
      `${(r.ratio * 100).toFixed(0)}%`,
      '>= 50%',
      r.ratio >= TARGET_RATIO ? 'met' : 'MISSED',
    ]);
    const cpuHeaders = ['burst', 'load gen CPU ms (Muster)', 'api CPU ms', 'worker CPU ms', 'load gen CPU ms (bare)'];
    const cpuRows = results.map((r) => [
      r.label,
      Math.round(r.muster.cpuMs),
      Math.round(r.cpu.api),
      Math.round(r.cpu.worker),
      Math.round(r.bare.cpuMs),
    ]);
    // Where a return's cost goes, against a bare insert's: CPU per operation over the whole machine, by process.
    const f2 = (x) => (Number.isFinite(x) ? x.toFixed(2) : '-');
    const costHeaders = [
      'burst',
      'Muster ms CPU/return: load gen',
      'api',
      'worker',
      'PostgreSQL, Redis, kernel',
      'total',
      'bare ms CPU/insert: load gen',
      'PostgreSQL, kernel',
      'total',
    ];
    const costRows = results.map((r) => {
      const m = {
        gen: r.muster.cpuMs / r.n,
        api: r.cpu.api / r.n,
        worker: r.cpu.worker / r.n,
        total: r.cpu.machine / r.n,
      };
      const b = { gen: r.bare.cpuMs / r.n, total: r.cpu.bareMachine / r.n };
      return [
        r.label,
        f2(m.gen),
        f2(m.api),
        f2(m.worker),
        f2(m.total - m.gen - m.api - m.worker),
        f2(m.total),
        f2(b.gen),
        f2(b.total - b.gen),
        f2(b.total),
      ];
    });
    const missed = results.filter((r) => r.ratio < TARGET_RATIO);
    const verdict =
      missed.length === 0
        ? 'MET'
        : `MISSED (${missed.map((r) => `${r.label}: ${(r.ratio * 100).toFixed(0)}% of bare`).join('; ')})`;
    console.log(
      `\n${table(headers2, rows)}\n\n${table(cpuHeaders, cpuRows)}\n\n${table(costHeaders, costRows)}\n\n${counts[0].sitreps} sitrep versions from ${counts[0].authorities} authorities; target: ${verdict}\n`,
    );
    if (run.record) {
      const entry = [
        `### ${started.toISOString().replace(/\.\d+Z$/, 'Z')}: ${verdict}`,
        '',
        machineLine(env, loads),
        `Run: reporting day ${date}, after 28 warm-up returns for the day before; all returns submitted at once at concurrency ${concurrency} (PUT with every figure), one api and one worker ` +
          `from ${run.dist}/, rate limits off; the ${synthetic}-authority burst follows the 7-authority one, so ${real.length * region.cells.length} of its returns are corrections; ` +
          'bare = the same number of pg single-row INSERTs (autocommit) into a journal-shaped table at the same concurrency; relay idle before each run.',
        '',
        markdownTable(headers2, rows),
        '',
        markdownTable(cpuHeaders, cpuRows),
        '',
        "CPU per operation over the whole machine (PostgreSQL, Redis and the kernel's networking = the machine's busy time minus the named processes; " +
          'the relay has published everything before the interval closes):',
        '',
        markdownTable(costHeaders, costRows),
      ].join('\n');
      run.log(`recorded in ${recordScenario('sitrep-burst', entry)}`);
    }
  } finally {
    await run.cleanup();
  }
}

runScenario('sitrep-burst', main);
