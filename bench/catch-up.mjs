#!/usr/bin/env node
// Catch-up benchmark: a socket that missed 10,000 events subscribes with `after` and the time until all
// 10,000 have arrived, in order, is measured (target: under 2 s). No bare primitive.
//
//   npm run bench -- catch-up
//
// The missed events are real decision events: one decision is logged over HTTP in each of the four cells,
// then its journal row is copied (new event ids) until there are BENCH_CATCHUP_N (10,000) rows, inserted
// unsequenced so that the running worker's relay sequences and publishes them as it would the api's. Then
// one socket (socket.io-client, in this process) connects to /live as a regional coordinator and sends
// `subscribe` { topics: the four cell topics, after: the seq before the copies }; the clock runs from the
// emit to the last event. Knobs: BENCH_CATCHUP_N (10000), BENCH_CATCHUP_RUNS (3), BENCH_DIST (dist),
// BENCH_PG_ADMIN_URL, BENCH_REDIS_URL, BENCH_RECORD=0, BENCH_ECHO=1.
import { performance } from 'node:perf_hooks';
import { io } from 'socket.io-client';
import { BenchRun, intEnv, load1, machineLine, procCpuMs } from './lib/muster.mjs';
import { runScenario } from './lib/processes.mjs';
import { recordScenario } from './lib/results.mjs';
import { markdownTable, summarize, table } from './lib/stats.mjs';

const TARGET_MS = 2_000;
const N = intEnv('BENCH_CATCHUP_N', 10_000, 1);
const RUNS = intEnv('BENCH_CATCHUP_RUNS', 3, 1);
const run = new BenchRun('catch-up');

async function catchUp(token, topics, after, expected) {
  const socket = io(`${run.apiUrl}/live`, {
    auth: { token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  try {
    await new Promise((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    const seqs = [];
    let resync;
    let lastAt = 0;
    const cpu0 = process.cpuUsage();
    const apiCpu0 = procCpuMs(run.api.pid);
    const done = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`only ${seqs.length}/${expected} events within 60 s`)), 60_000);
      socket.on('event', (event) => {
        seqs.push(event.seq);
        lastAt = performance.now();
        if (seqs.length >= expected) {
          clearTimeout(timer);
          resolve();
        }
      });
      socket.on('resync', (r) => {
        resync = r;
        clearTimeout(timer);
        reject(new Error(`resync instead of a replay: ${JSON.stringify(r)}`));
      });
    });
    const t0 = performance.now();
    const ack = socket.timeout(60_000).emitWithAck('subscribe', { topics, after });
    const [ackValue] = await Promise.all([ack, done]);
    const ackAt = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 200)); // anything extra would show here
    const cpu = process.cpuUsage(cpu0);
    let inOrder = true;
    for (let i = 1; i < seqs.length; i++) if (seqs[i] <= seqs[i - 1]) inOrder = false;
    return {
      ms: lastAt - t0,
      ackMs: ackAt - t0,
      received: seqs.length,
      inOrder,
      replayed: ackValue?.replayed,
      ackError: ackValue?.error,
      resync,
      first: seqs[0],
      last: seqs[seqs.length - 1],
      clientCpuMs: (cpu.user + cpu.system) / 1000,
      apiCpuMs: procCpuMs(run.api.pid) - apiCpu0,
    };
  } finally {
    socket.disconnect();
  }
}

async function main() {
  const started = new Date();
  try {
    const env = await run.environment();
    const loads = [load1()];
    await run.prepare();
    await run.start();
    const token = await run.token();
    const cells = run.region().cells.map((c) => c.slug);
    for (const cell of cells) {
      const response = await fetch(`${run.apiUrl}/api/v1/cells/${cell}/decisions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          title: `Catch-up template for ${cell}`,
          decision: 'Release stock from the regional hub.',
          rationale: "This morning's figures.",
          informationAvailable: "This morning's situation reports.",
          options: [{ option: 'Release', chosen: true }],
          decidedAt: new Date(Date.now() - 60_000).toISOString(),
          marking: 'OFFICIAL',
        }),
      });
      if (response.status !== 201)
        throw new Error(`POST decision answered ${response.status}: ${await response.text()}`);
    }
    await run.relayIdle();
    const {
      rows: [{ before }],
    } = await run.pool.query('SELECT max(seq)::int AS before FROM journal');
    const t0 = performance.now();
    await run.pool.query(
      `INSERT INTO journal (event_id, type, occurred_at, cell, authority, authorities, topics, marking, data, actor, correlation_id)
       SELECT gen_random_uuid(), t.type, clock_timestamp(), t.cell, t.authority, t.authorities, t.topics, t.marking, t.data, t.actor, t.correlation_id
       FROM generate_series(1, $1::int) AS g(i)
       JOIN (SELECT *, row_number() OVER (ORDER BY id) - 1 AS k FROM journal WHERE type LIKE 'decision%' ORDER BY id DESC LIMIT 4) t ON t.k = g.i % 4
       ORDER BY g.i`,
      [N],
    );
    await run.relayIdle();
    const relayMs = performance.now() - t0;
    const {
      rows: [{ after, events }],
    } = await run.pool.query('SELECT max(seq)::int AS after, count(*)::int AS events FROM journal WHERE seq > $1', [
      before,
    ]);
    run.log(
      `${events} events (seq ${before + 1}..${after}) inserted, sequenced and published by the relay in ${Math.round(relayMs)} ms`,
    );
    if (events !== N) throw new Error(`expected ${N} new journal events, found ${events}`);
    const topics = cells.map((c) => `cell:${c}`);
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      const r = await catchUp(token, topics, before, N);
      run.log(
        `  run ${i + 1}: ${r.received} events in ${Math.round(r.ms)} ms (ack ${Math.round(r.ackMs)} ms), in order: ${r.inOrder}, replayed ${r.replayed}`,
      );
      runs.push(r);
    }
    loads.push(load1());
    const s = summarize(runs.map((r) => r.ms));
    const allGood = runs.every((r) => r.received === N && r.inOrder && r.first === before + 1 && r.last === after);
    const met = allGood && s.max < TARGET_MS;
    const verdict = met
      ? 'MET'
      : `MISSED (${!allGood ? 'not all in order; ' : ''}slowest ${Math.round(s.max)} ms vs ${TARGET_MS} ms)`;
    const headers = [
      'run',
      'events',
      'in order',
      'all 10,000 after ms',
      'subscribe ack ms',
      'client CPU ms',
      'api CPU ms',
      'target',
      'met',
    ];
    const rows = runs.map((r, i) => [
      i + 1,
      r.received,
      r.inOrder ? 'yes' : 'NO',
      Math.round(r.ms),
      Math.round(r.ackMs),
      Math.round(r.clientCpuMs),
      Math.round(r.apiCpuMs),
      `< ${TARGET_MS} ms`,
      r.inOrder && r.received === N && r.ms < TARGET_MS ? 'met' : 'MISSED',
    ]);
    console.log(`\n${table(headers, rows)}\n\ntarget: ${verdict}\n`);
    if (run.record) {
      const entry = [
        `### ${started.toISOString().replace(/\.\d+Z$/, 'Z')}: ${verdict}`,
        '',
        machineLine(env, loads),
        `Run: ${N} decision events (copies of four real ones, one per cell) sequenced and published by the relay (${Math.round(relayMs)} ms), then ` +
          `one socket subscribes to the four cell topics with \`after\` = the seq before them; ${RUNS} runs, a new socket each; one api and one worker from ${run.dist}/.`,
        '',
        markdownTable(headers, rows),
      ].join('\n');
      run.log(`recorded in ${recordScenario('catch-up', entry)}`);
    }
  } finally {
    await run.cleanup();
  }
}

runScenario('catch-up', main);
