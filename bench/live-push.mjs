#!/usr/bin/env node
// Live push and memory per socket. Muster: two apis and a worker on one database and Redis prefix; 1,000
// then 5,000 sockets (socket.io-client in BENCH_LIVE_CLIENTS child processes) split evenly over the two
// apis, each subscribed to `cell:ppe`; BENCH_LIVE_EVENTS decisions are logged in the PPE cell, one every
// BENCH_LIVE_INTERVAL_MS, and each one's latency is its arrival at each socket minus the moment its POST was
// sent (all on one host clock). Bare: the same clients against two bare socket.io servers
// (bench/bare-socket-server.mjs) on @socket.io/redis-streams-adapter over the same Redis, an `event` of the
// same shape and size emitted to the same room through one of them. Muster's processes are stopped before
// the bare run. Memory: after a full collection in each server (the same on both sides), the servers'
// resident set (VmRSS) and heap just before the 5,000 sockets connect and once they are connected and
// subscribed, divided by 5,000.
//
//   npm run bench -- live-push
//
// Targets: every event delivered to every socket, p99 <= bare p99 + 50 ms; memory per socket <= 1.5x bare.
// Knobs (env): BENCH_LIVE_SOCKETS (1000,5000), BENCH_LIVE_EVENTS (20), BENCH_LIVE_INTERVAL_MS (500),
// BENCH_LIVE_CLIENTS (2), BENCH_LIVE_NODE_OPTIONS (none; for both kinds of server),
// BENCH_DIST, BENCH_PG_ADMIN_URL, BENCH_REDIS_URL, BENCH_RECORD=0, BENCH_ECHO=1.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { BenchRun, intEnv, load1, machineLine, procCpuMs } from './lib/muster.mjs';
import { freePort, sleep } from './lib/net.mjs';
import { Child, runScenario } from './lib/processes.mjs';
import { recordScenario } from './lib/results.mjs';
import { markdownTable, ms, summarize, table } from './lib/stats.mjs';

const SIZES = (process.env.BENCH_LIVE_SOCKETS || '1000,5000').split(',').map(Number);
const EVENTS = intEnv('BENCH_LIVE_EVENTS', 20, 1);
const INTERVAL_MS = intEnv('BENCH_LIVE_INTERVAL_MS', 500, 10);
const CLIENTS = intEnv('BENCH_LIVE_CLIENTS', 2, 1);
const TARGET_EXTRA_P99_MS = 50;
const TARGET_MEMORY_RATIO = 1.5;
const MEMORY_SIZE = Math.max(...SIZES);
/** V8 settings for Muster's and the bare servers alike (e.g. `--max-semi-space-size=1`); none by default. */
const SERVER_NODE_OPTIONS = process.env.BENCH_LIVE_NODE_OPTIONS ?? '';
const TOPIC = 'cell:ppe';
const now = () => performance.timeOrigin + performance.now();

const run = new BenchRun('live-push');

function rssKib(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? Number.NaN);
}

/** Servers' V8 flags for the memory reading: a full collection on SIGUSR2 (bench/lib/gc-on-signal.cjs). */
const GC_ON_SIGNAL = ['--expose-gc', '--require', fileURLToPath(new URL('./lib/gc-on-signal.cjs', import.meta.url))];

/**
 * Memory held, read the same way on both sides: after a pause, each server runs a full collection; then
 * the resident set (the lowest of 10 readings 200 ms apart) and the heap the collection left, summed over the
 * servers. Without the collection, a busy process's garbage (and a bigger heap's larger headroom) would
 * count as memory per socket.
 */
async function settledMemory(children) {
  await sleep(2_000);
  const heaps = await Promise.all(
    children.map(async (child) => {
      const before = child.lines.filter((l) => l.includes('[bench-gc]')).length;
      process.kill(child.pid, 'SIGUSR2');
      const deadline = Date.now() + 10_000;
      let reports = [];
      while ((reports = child.lines.filter((l) => l.includes('[bench-gc]'))).length <= before) {
        if (Date.now() > deadline)
          throw new Error(`${child.name} did not report a full collection (started with ${GC_ON_SIGNAL.join(' ')}?)`);
        await sleep(50);
      }
      return Number(/heapUsed=(\d+)/.exec(reports.at(-1) ?? '')?.[1] ?? Number.NaN) / 1024;
    }),
  );
  await sleep(500);
  const readings = [];
  for (let i = 0; i < 10; i++) {
    readings.push(children.reduce((sum, child) => sum + rssKib(child.pid), 0));
    await sleep(200);
  }
  return { rssKib: Math.min(...readings), heapKib: heaps.reduce((sum, kib) => sum + kib, 0) };
}

/** A client process that holds sockets and records when events arrive. */
class Clients {
  constructor(index) {
    this.child = new Child({
      name: `sockets-${index + 1}`,
      script: 'bench/socket-worker.mjs',
      ipc: true,
      env: { ...process.env },
    }).start();
    this.waiting = new Map();
    this.child.child.on('message', (message) => {
      const waiter = this.waiting.get(message.type);
      if (waiter) {
        this.waiting.delete(message.type);
        waiter(message);
      } else if (message.type === 'error') {
        for (const w of this.waiting.values()) w(message);
      }
    });
  }

  request(message, answer, timeoutMs = 300_000) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${this.child.name}: no ${answer} within ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.waiting.set(answer, (reply) => {
        clearTimeout(timer);
        if (reply.type === 'error') reject(new Error(`${this.child.name}: ${reply.message}`));
        else resolve(reply);
      });
      if (message) this.child.child.send(message);
    });
  }

  ready() {
    return this.request(undefined, 'ready');
  }

  async close() {
    if (this.child.running) this.child.child.send({ type: 'close' });
    await Promise.race([this.child.exited, sleep(5_000)]);
    await this.child.stop(5_000);
  }
}

/** Opens `count` sockets over `urls`, split over the client processes; resolves with them. */
async function connectClients(count, urls, token) {
  const clients = Array.from({ length: CLIENTS }, (_, i) => new Clients(i));
  await Promise.all(clients.map((c) => c.ready()));
  const t0 = performance.now();
  const replies = await Promise.all(
    clients.map((c, i) => {
      const share = Math.floor(count / CLIENTS) + (i < count % CLIENTS ? 1 : 0);
      // Each client process spreads its sockets over every server, so each server gets half of them.
      return c.request({ type: 'connect', urls, count: share, token, topics: [TOPIC] }, 'connected');
    }),
  );
  const failures = replies.reduce((sum, r) => sum + r.failures, 0);
  if (failures > 0)
    throw new Error(
      `${failures} of ${count} sockets failed to connect: ${replies.find((r) => r.firstError)?.firstError}`,
    );
  run.log(`  ${count} sockets connected and subscribed in ${Math.round(performance.now() - t0)} ms`);
  return clients;
}

/** Sends EVENTS events (each `send(marker)`), then gathers every arrival; returns latencies and counts. */
async function push(clients, size, label, send, serverPids) {
  await Promise.all(clients.map((c) => c.request({ type: 'mark' }, 'marked')));
  const cpu0 = serverPids.map((pid) => procCpuMs(pid));
  const sentAt = new Map();
  const answered = [];
  for (let i = 0; i < EVENTS; i++) {
    const marker = `${label}-${size}-${i}`;
    const t0 = now();
    sentAt.set(marker, t0);
    await send(marker);
    answered.push(now() - t0);
    await sleep(INTERVAL_MS);
  }
  await sleep(3_000);
  const collected = await Promise.all(clients.map((c) => c.request({ type: 'collect' }, 'arrivals')));
  const serverCpuMs = serverPids.reduce((sum, pid, i) => sum + procCpuMs(pid) - (cpu0[i] ?? 0), 0);
  const latencies = [];
  let delivered = 0;
  for (const { arrivals } of collected) {
    for (const [marker, times] of Object.entries(arrivals)) {
      const t0 = sentAt.get(marker);
      if (t0 === undefined) continue;
      delivered += times.length;
      for (const t of times) latencies.push(t - t0);
    }
  }
  return {
    ...summarize(latencies),
    delivered,
    expected: size * EVENTS,
    answeredP50: summarize(answered).p50,
    clientCpuMs: collected.reduce((sum, c) => sum + c.cpuMs, 0),
    serverCpuMs,
  };
}

async function musterPhase(token) {
  const results = new Map();
  let memory;
  const decision = (marker) => ({
    title: marker,
    decision: 'Release stock from the regional hub to the three authorities short this morning.',
    rationale: 'The figures reported this morning show three authorities below two days of stock.',
    informationAvailable: "This morning's situation reports and the supplier's delivery note.",
    options: [
      { option: 'Release stock', chosen: true },
      { option: 'Wait for the delivery', chosen: false },
    ],
    decidedAt: new Date(Date.now() - 60_000).toISOString(),
    marking: 'OFFICIAL',
  });
  const send = async (marker) => {
    const response = await fetch(`${run.apiUrl}/api/v1/cells/ppe/decisions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(decision(marker)),
    });
    if (response.status !== 201) throw new Error(`POST decision answered ${response.status}: ${await response.text()}`);
  };
  const pids = run.apis.map((api) => api.pid);
  await send('warm-up');
  for (const size of SIZES) {
    await run.relayIdle();
    const before = size === MEMORY_SIZE ? await settledMemory(run.apis) : undefined;
    const clients = await connectClients(size, run.apiUrls, token);
    try {
      if (before !== undefined) memory = { before, after: await settledMemory(run.apis) };
      run.log(`  Muster: ${EVENTS} decisions to ${size} sockets`);
      results.set(size, await push(clients, size, 'muster', send, pids));
    } finally {
      await Promise.all(clients.map((c) => c.close()));
    }
  }
  return { results, memory };
}

async function barePhase() {
  const results = new Map();
  let memory;
  const streamName = `${run.prefix}:bare-socket.io`;
  const servers = [];
  const urls = [];
  for (let i = 0; i < 2; i++) {
    const port = await freePort();
    urls.push(`http://127.0.0.1:${port}`);
    servers.push(
      new Child({
        name: `bare-${i + 1}`,
        script: 'bench/bare-socket-server.mjs',
        nodeArgs: GC_ON_SIGNAL,
        args: [String(port), run.redisUrl, streamName],
        env: { ...process.env, NODE_OPTIONS: SERVER_NODE_OPTIONS },
      }).start(),
    );
  }
  try {
    await Promise.all(servers.map((s) => s.waitForLine(/listening/, 30_000)));
    // The same shape and size as Muster's decision.logged event.
    const payload = (marker) => ({
      seq: 123_456,
      type: 'decision.logged',
      at: new Date().toISOString(),
      cell: 'ppe',
      marking: 'OFFICIAL',
      data: {
        id: '0b7f3c52-3f5e-4c55-9d7e-4a8f2b1c9e01',
        sequence: 42,
        title: marker,
        decidedBy: 'Bench Coordinator',
        decidedAt: new Date().toISOString(),
        recordedAt: new Date().toISOString(),
        hash: 'f'.repeat(64),
        authorities: [],
      },
    });
    const send = async (marker) => {
      const response = await fetch(`${urls[0]}/emit?room=${encodeURIComponent(TOPIC)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(payload(marker)),
      });
      if (response.status !== 204) throw new Error(`bare emit answered ${response.status}`);
    };
    const pids = servers.map((s) => s.pid);
    for (const size of SIZES) {
      const before = size === MEMORY_SIZE ? await settledMemory(servers) : undefined;
      const clients = await connectClients(size, urls, undefined);
      try {
        if (before !== undefined) memory = { before, after: await settledMemory(servers) };
        run.log(`  bare: ${EVENTS} emits to ${size} sockets`);
        results.set(size, await push(clients, size, 'bare', send, pids));
      } finally {
        await Promise.all(clients.map((c) => c.close()));
      }
    }
  } finally {
    await Promise.all(servers.map((s) => s.stop(10_000)));
  }
  return { results, memory };
}

async function main() {
  const started = new Date();
  try {
    const env = await run.environment();
    const loads = [load1()];
    await run.prepare();
    await run.start({
      apis: 2,
      apiEnv: SERVER_NODE_OPTIONS ? { NODE_OPTIONS: SERVER_NODE_OPTIONS } : {},
      apiNodeArgs: GC_ON_SIGNAL,
    });
    const token = await run.token();
    const muster = await musterPhase(token);
    loads.push(load1());
    await run.stopProcesses();
    const bare = await barePhase();
    loads.push(load1());

    const headers = [
      'sockets',
      'Muster delivered',
      'p50 ms',
      'p99 ms',
      'max ms',
      'bare delivered',
      'bare p50',
      'bare p99',
      'bare max',
      'target',
      'met',
    ];
    const verdicts = SIZES.map((size) => {
      const m = muster.results.get(size);
      const b = bare.results.get(size);
      const all = m.delivered === m.expected;
      const p99Met = m.p99 <= b.p99 + TARGET_EXTRA_P99_MS;
      return {
        size,
        m,
        b,
        met: all && p99Met,
        why: [
          !all && `${m.expected - m.delivered} not delivered`,
          !p99Met && `p99 ${ms(m.p99)} > ${ms(b.p99)} + ${TARGET_EXTRA_P99_MS} ms`,
        ]
          .filter(Boolean)
          .join('; '),
      };
    });
    const rows = verdicts.map(({ size, m, b, met, why }) => [
      size,
      `${m.delivered}/${m.expected}`,
      ms(m.p50),
      ms(m.p99),
      ms(m.max),
      `${b.delivered}/${b.expected}`,
      ms(b.p50),
      ms(b.p99),
      ms(b.max),
      `all; p99 <= bare + ${TARGET_EXTRA_P99_MS} ms`,
      met ? 'met' : `MISSED (${why})`,
    ]);
    const cpuHeaders = [
      'sockets',
      'Muster POST answered p50 ms',
      'Muster apis CPU ms',
      'Muster clients CPU ms',
      'bare emit answered p50 ms',
      'bare servers CPU ms',
      'bare clients CPU ms',
    ];
    const cpuRows = verdicts.map(({ size, m, b }) => [
      size,
      ms(m.answeredP50),
      Math.round(m.serverCpuMs),
      Math.round(m.clientCpuMs),
      ms(b.answeredP50),
      Math.round(b.serverCpuMs),
      Math.round(b.clientCpuMs),
    ]);
    const perSocket = (mem, key) => (mem.after[key] - mem.before[key]) / MEMORY_SIZE;
    const mMem = perSocket(muster.memory, 'rssKib');
    const bMem = perSocket(bare.memory, 'rssKib');
    const memRatio = mMem / bMem;
    const heapRatio = perSocket(muster.memory, 'heapKib') / perSocket(bare.memory, 'heapKib');
    const memMet = memRatio <= TARGET_MEMORY_RATIO;
    const memHeaders = [
      'servers',
      'RSS before (MiB)',
      `RSS with ${MEMORY_SIZE} sockets (MiB)`,
      'RSS per socket (KiB)',
      'ratio',
      'heap per socket (KiB)',
      'heap ratio',
      'target',
      'met',
    ];
    const mib = (kib) => (kib / 1024).toFixed(1);
    const memRows = [
      [
        'Muster: 2 apis',
        mib(muster.memory.before.rssKib),
        mib(muster.memory.after.rssKib),
        mMem.toFixed(1),
        `${memRatio.toFixed(2)}x`,
        perSocket(muster.memory, 'heapKib').toFixed(1),
        `${heapRatio.toFixed(2)}x`,
        `RSS <= ${TARGET_MEMORY_RATIO}x bare`,
        memMet ? 'met' : 'MISSED',
      ],
      [
        'bare socket.io: 2 servers',
        mib(bare.memory.before.rssKib),
        mib(bare.memory.after.rssKib),
        bMem.toFixed(1),
        '1.00x',
        perSocket(bare.memory, 'heapKib').toFixed(1),
        '1.00x',
        '',
        '',
      ],
    ];
    const pushVerdict = verdicts.every((v) => v.met)
      ? 'MET'
      : `MISSED (${verdicts
          .filter((v) => !v.met)
          .map((v) => `${v.size}: ${v.why}`)
          .join('; ')})`;
    const verdict = `push ${pushVerdict}; memory ${memMet ? 'MET' : 'MISSED'} (${memRatio.toFixed(2)}x bare)`;
    console.log(
      `\n${table(headers, rows)}\n\n${table(cpuHeaders, cpuRows)}\n\n${table(memHeaders, memRows)}\n\n${verdict}\n`,
    );

    if (run.record) {
      const entry = [
        `### ${started.toISOString().replace(/\.\d+Z$/, 'Z')}: ${verdict}`,
        '',
        machineLine(env, loads),
        `Run: ${EVENTS} events per size, one every ${INTERVAL_MS} ms, to sockets subscribed to \`${TOPIC}\`, split evenly over two servers; ` +
          `latency = arrival at a socket - POST sent (one host clock); clients in ${CLIENTS} processes; Muster = two apis and one worker from ` +
          `${run.dist}/ (decisions logged over HTTP), then bare = two socket.io 4.8.3 servers on @socket.io/redis-streams-adapter ` +
          `(an event of the same shape emitted through one of them), Muster stopped. Servers' NODE_OPTIONS: \`${SERVER_NODE_OPTIONS || '(none)'}\`. ` +
          'Memory: each server runs a full collection (SIGUSR2, bench/lib/gc-on-signal.cjs), then VmRSS (lowest of 10 readings) and ' +
          `the heap left, summed over the two servers, before and with ${MEMORY_SIZE} sockets.`,
        '',
        markdownTable(headers, rows),
        '',
        markdownTable(cpuHeaders, cpuRows),
        '',
        markdownTable(memHeaders, memRows),
      ].join('\n');
      run.log(`recorded in ${recordScenario('live-push', entry)}`);
    }
  } finally {
    await run.cleanup();
  }
}

runScenario('live-push', main);
