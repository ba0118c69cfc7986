#!/usr/bin/env node
// Decision logging benchmark: `POST /api/v1/cells/:cell/decisions` round-robin over the four cells at
// concurrency 16 and 64 for a bounded time, beside the bare primitive measured in the same run: pg
// single-row INSERTs (each its own transaction) into a scratch table shaped like the journal, at the same
// concurrency. Both load generators run in their own process (bench/load-worker.mjs).
//
//   npm run bench -- decisions
//
// Muster runs with its worker (the relay publishes what the api journals, as in production); before each
// bare run the relay is left to catch up so that it does not share the cores with the bare inserts.
// Knobs (env): BENCH_DECISIONS_SECONDS (15), BENCH_DECISIONS_CONCURRENCY (16,64), BENCH_DIST (dist),
// BENCH_PG_ADMIN_URL, BENCH_REDIS_URL, BENCH_RECORD=0, BENCH_ECHO=1. Exits non-zero on errors, not on a
// missed target.
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
} from './lib/muster.mjs';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { categoriesBetween } from './lib/cpu-profile.mjs';
import { runScenario } from './lib/processes.mjs';
import { recordScenario } from './lib/results.mjs';
import { markdownTable, ms, summarize, table } from './lib/stats.mjs';

const TARGET_RATIO = 0.3;
const TARGET_P99_MS = 50;
const seconds = intEnv('BENCH_DECISIONS_SECONDS', 15, 1);
const concurrencies = (process.env.BENCH_DECISIONS_CONCURRENCY || '16,64').split(',').map(Number);

const run = new BenchRun('decisions');

function decisionRequests(cells) {
  const decidedAt = new Date(Date.now() - 60_000).toISOString();
  return cells.map((cell) => ({
    method: 'POST',
    path: `/api/v1/cells/${cell}/decisions`,
    body: {
      title: `Bench decision for ${cell}`,
      decision: 'Release stock from the regional hub to the three authorities short this morning.',
      rationale: 'The figures reported this morning show three authorities below two days of stock.',
      informationAvailable: "This morning's situation reports and the supplier's delivery note.",
      options: [
        { option: 'Release stock', chosen: true },
        { option: 'Wait for the delivery', chosen: false },
      ],
      decidedAt,
      marking: 'OFFICIAL',
    },
  }));
}

function figures(result) {
  const s = summarize(result.latencies);
  return {
    ...s,
    perSecond: result.latencies.length / (result.elapsedMs / 1000),
    errors: result.errors,
    cpuMs: result.cpuMs,
    elapsedMs: result.elapsedMs,
  };
}

async function main() {
  const started = new Date();
  try {
    const env = await run.environment();
    const loads = [load1()];
    await run.prepare((pool) => createBareTable(pool));
    // Where the api's time goes during each Muster run (V8's sampling profiler; BENCH_DECISIONS_PROFILE=0 skips it).
    const profileDir =
      process.env.BENCH_DECISIONS_PROFILE === '0' ? undefined : mkdtempSync(path.join(tmpdir(), 'muster-bench-prof-'));
    await run.start({ profileApisTo: profileDir });
    const token = await run.token();
    const cells = run.region().cells.map((c) => c.slug);
    const requests = decisionRequests(cells);
    const rows = [];
    for (const concurrency of concurrencies) {
      await run.relayIdle();
      const cpu0 = { api: procCpuMs(run.api.pid), worker: procCpuMs(run.worker.pid), machine: machineCpuMs() };
      run.log(`Muster: POST decisions over ${cells.length} cells, concurrency ${concurrency}, ${seconds} s`);
      const fromUs = Number(process.hrtime.bigint() / 1000n);
      const muster = await runLoad({
        kind: 'http',
        url: run.apiUrl,
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
        requests,
        concurrency,
        durationMs: seconds * 1000,
        warmup: 20,
      });
      const toUs = Number(process.hrtime.bigint() / 1000n);
      // Until the relay has published what was written: its work is part of each decision's cost.
      await run.relayIdle();
      const cpu = {
        api: procCpuMs(run.api.pid) - cpu0.api,
        worker: procCpuMs(run.worker.pid) - cpu0.worker,
        machine: machineCpuMs() - cpu0.machine,
      };
      if (muster.errors > 0) run.log(`  ${muster.errors} errors, first: ${muster.firstError}`);
      run.log(`bare: pg single-row INSERTs, concurrency ${concurrency}, ${seconds} s`);
      const poolMax = await spareConnections(run.pool);
      if (poolMax < concurrency)
        run.log(`  (max_connections allows ${poolMax} bare connections: ${concurrency} lanes share them)`);
      const bareMachine0 = machineCpuMs();
      const bare = await runLoad({
        kind: 'pg',
        databaseUrl: run.databaseUrl,
        concurrency,
        poolMax,
        durationMs: seconds * 1000,
        warmup: 20,
      });
      rows.push({
        concurrency,
        muster: figures(muster),
        bare: figures(bare),
        cpu: { ...cpu, bareMachine: machineCpuMs() - bareMachine0 },
        window: [fromUs, toUs],
      });
      loads.push(load1());
    }
    await run.relayIdle();
    const { rows: counts } = await run.pool.query(
      `SELECT (SELECT count(*) FROM decision_log_entry)::int AS decisions, (SELECT count(*) FROM bench_bare_journal)::int AS bare`,
    );

    const verdicts = rows.map((r) => {
      const ratio = r.muster.perSecond / r.bare.perSecond;
      const ratioMet = ratio >= TARGET_RATIO;
      const p99Met = r.concurrency !== 16 || r.muster.p99 <= TARGET_P99_MS;
      return {
        ...r,
        ratio,
        met: ratioMet && p99Met,
        why: [
          !ratioMet && `${(ratio * 100).toFixed(0)}% < ${TARGET_RATIO * 100}% of bare`,
          !p99Met && `p99 ${ms(r.muster.p99)} ms > ${TARGET_P99_MS} ms`,
        ]
          .filter(Boolean)
          .join('; '),
      };
    });
    const headers = [
      'concurrency',
      'Muster decisions/s',
      'p50 ms',
      'p99 ms',
      'bare inserts/s',
      'bare p50',
      'bare p99',
      'ratio',
      'target',
      'met',
    ];
    const r1 = (v) => (Number.isFinite(v) ? v.toFixed(1) : '-');
    const tableRows = verdicts.map((v) => [
      v.concurrency,
      Math.round(v.muster.perSecond),
      r1(v.muster.p50),
      r1(v.muster.p99),
      Math.round(v.bare.perSecond),
      r1(v.bare.p50),
      r1(v.bare.p99),
      `${(v.ratio * 100).toFixed(0)}%`,
      v.concurrency === 16 ? `>= 30%, p99 <= ${TARGET_P99_MS} ms` : '>= 30%',
      v.met ? 'met' : `MISSED (${v.why})`,
    ]);
    // Where a decision's cost goes, against a bare insert's: CPU per operation over the whole machine (the two
    // cores are the limit here), split by process; PostgreSQL and Redis are the machine's CPU minus the rest.
    const per = (msTotal, n) => (n > 0 ? msTotal / n : Number.NaN);
    const costHeaders = [
      'concurrency',
      'Muster ms CPU/decision: load gen',
      'api',
      'worker',
      'PostgreSQL, Redis, kernel',
      'total',
      'bare ms CPU/insert: load gen',
      'PostgreSQL, kernel',
      'total',
      'ceiling on 2 cores (Muster/bare)',
    ];
    const costRows = verdicts.map((v) => {
      const n = v.muster.n;
      const m = {
        gen: per(v.muster.cpuMs, n),
        api: per(v.cpu.api, n),
        worker: per(v.cpu.worker, n),
        total: per(v.cpu.machine, n),
      };
      const b = { gen: per(v.bare.cpuMs, v.bare.n), total: per(v.cpu.bareMachine, v.bare.n) };
      const f = (x) => (Number.isFinite(x) ? x.toFixed(2) : '-');
      return [
        v.concurrency,
        f(m.gen),
        f(m.api),
        f(m.worker),
        f(m.total - m.gen - m.api - m.worker),
        f(m.total),
        f(b.gen),
        f(b.total - b.gen),
        f(b.total),
        `${Math.round(2000 / m.total)}/s vs ${Math.round(2000 / b.total)}/s`,
      ];
    });
    const cpuHeaders = [
      'concurrency',
      'run s',
      'load gen CPU s (Muster)',
      'api CPU s',
      'worker CPU s',
      'load gen CPU s (bare)',
      'errors (Muster/bare)',
    ];
    const profileTable = await apiProfileTable(profileDir, verdicts);
    const cpuRows = verdicts.map((v) => [
      v.concurrency,
      (v.muster.elapsedMs / 1000).toFixed(1),
      (v.muster.cpuMs / 1000).toFixed(1),
      (v.cpu.api / 1000).toFixed(1),
      (v.cpu.worker / 1000).toFixed(1),
      (v.bare.cpuMs / 1000).toFixed(1),
      `${v.muster.errors}/${v.bare.errors}`,
    ]);
    const verdict = verdicts.every((v) => v.met)
      ? 'MET'
      : `MISSED (${verdicts
          .filter((v) => !v.met)
          .map((v) => `c${v.concurrency}: ${v.why}`)
          .join('; ')})`;
    console.log(
      `\n${table(headers, tableRows)}\n\n${table(cpuHeaders, cpuRows)}\n\n${table(costHeaders, costRows)}\n\n${counts[0].decisions} decisions logged, ${counts[0].bare} bare rows; target: ${verdict}\n`,
    );

    if (run.record) {
      const entry = [
        `### ${started.toISOString().replace(/\.\d+Z$/, 'Z')}: ${verdict}`,
        '',
        machineLine(env, loads),
        `Run: ${seconds} s per concurrency, one api (DATABASE_POOL_SIZE default) and one worker from ${run.dist}/, ` +
          `rate limits off, POST round-robin over ${cells.length} cells; bare = pg single-row INSERT (autocommit) into a journal-shaped ` +
          'table, pool of `concurrency` connections; each load generator in its own process; relay idle before each run.',
        '',
        markdownTable(headers, tableRows),
        '',
        markdownTable(cpuHeaders, cpuRows),
        '',
        "CPU per operation over the whole machine (PostgreSQL, Redis and the kernel's networking = the machine's busy time minus the named processes; " +
          'the relay has published everything before the interval closes):',
        '',
        markdownTable(costHeaders, costRows),
        ...(profileTable === undefined
          ? []
          : [
              '',
              "<details><summary>Where the api's thread spends a decision (V8 sampling profiler during each run, µs per decision; waiting excluded)</summary>",
              '',
              profileTable,
              '',
              '</details>',
            ]),
      ].join('\n');
      run.log(`recorded in ${recordScenario('decisions', entry)}`);
    }
  } finally {
    await run.cleanup();
  }
}

/** The api's sampled self time per decision by package, for each run; undefined without a profile. */
async function apiProfileTable(dir, verdicts) {
  if (dir === undefined) return undefined;
  try {
    await run.stopProcesses();
    const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
    if (file === undefined) return undefined;
    const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
    const perRun = verdicts.map((v) => {
      const categories = categoriesBetween(profile, v.window[0], v.window[1]);
      categories.delete('(idle)');
      return { v, categories };
    });
    const totals = new Map();
    for (const { categories } of perRun)
      for (const [cat, ms] of categories) totals.set(cat, (totals.get(cat) ?? 0) + ms);
    const top = [...totals]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 14)
      .map(([cat]) => cat);
    const us = (ms, v) => Math.round((ms * 1000) / v.muster.n);
    const rowsOut = top.map((cat) => [cat, ...perRun.map(({ v, categories }) => us(categories.get(cat) ?? 0, v))]);
    rowsOut.push([
      'everything else',
      ...perRun.map(({ v, categories }) =>
        us(
          [...categories].filter(([cat]) => !top.includes(cat)).reduce((s, [, ms]) => s + ms, 0),
          v,
        ),
      ),
    ]);
    rowsOut.push([
      'total (busy thread)',
      ...perRun.map(({ v, categories }) =>
        us(
          [...categories.values()].reduce((s, ms) => s + ms, 0),
          v,
        ),
      ),
    ]);
    const text = markdownTable(
      ['api thread, µs per decision', ...perRun.map(({ v }) => `concurrency ${v.concurrency}`)],
      rowsOut,
    );
    console.log(`\nWhere the api's thread spends a decision (µs per decision, sampled):\n${text}\n`);
    return text;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

runScenario('decisions', main);
