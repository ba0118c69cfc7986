#!/usr/bin/env node
// A load generator in its own process (the api and PostgreSQL share the machine's cores with it), started by
// bench/lib/muster.mjs runLoad() through IPC; not meant to be run by hand. It runs one job at a fixed
// concurrency, either for `durationMs` or for `count` operations, and reports every latency (ms), the
// errors, the elapsed time and its own CPU time (process.cpuUsage).
//
//   job.kind 'http': keep-alive HTTP/1.1 (node:http Agent, one socket per concurrent request) cycling over
//                    job.requests [{ method, path, body }] against job.url with job.headers; 2xx is success.
//   job.kind 'pg':   single-row INSERT (autocommit: each its own transaction) into bench_bare_journal
//                    through a pg Pool of `concurrency` connections at job.databaseUrl.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import pg from 'pg';

if (!process.send) {
  console.error('load-worker: start me from bench/lib/muster.mjs');
  process.exit(2);
}

function httpOperation(job) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.concurrency, maxFreeSockets: job.concurrency });
  const target = new URL(job.url);
  const prepared = job.requests.map((r) => {
    const body = r.body === undefined ? undefined : Buffer.from(JSON.stringify(r.body));
    const headers = {
      ...job.headers,
      ...(body && { 'content-type': 'application/json', 'content-length': String(body.length) }),
    };
    return { method: r.method, path: r.path, body, headers };
  });
  let next = 0;
  const op = () =>
    new Promise((resolve, reject) => {
      const r = prepared[next++ % prepared.length];
      const req = http.request(
        { agent, host: target.hostname, port: target.port, method: r.method, path: r.path, headers: r.headers },
        (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => {
            if (res.statusCode >= 200 && res.statusCode < 300) resolve();
            else
              reject(
                new Error(
                  `${r.method} ${r.path} answered ${res.statusCode}: ${Buffer.concat(chunks).toString('utf8').slice(0, 300)}`,
                ),
              );
          });
          res.on('error', reject);
        },
      );
      req.setTimeout(30_000, () => req.destroy(new Error('timed out after 30 s')));
      req.on('error', reject);
      req.end(r.body);
    });
  return { op, close: () => agent.destroy() };
}

async function pgOperation(job) {
  // job.poolMax caps the connections where PostgreSQL's max_connections would not allow one per lane.
  const max = Math.min(job.concurrency, job.poolMax ?? job.concurrency);
  const pool = new pg.Pool({ connectionString: job.databaseUrl, max });
  // Open every connection before timing.
  const clients = await Promise.all(Array.from({ length: max }, () => pool.connect()));
  for (const c of clients) c.release();
  const data = JSON.stringify(job.data ?? { bench: true });
  const op = async () => {
    await pool.query({
      name: 'bare-insert',
      text: 'INSERT INTO bench_bare_journal (event_id, type, data) VALUES ($1, $2, $3)',
      values: [randomUUID(), job.type ?? 'bench.bare', data],
    });
  };
  return { op, close: () => pool.end() };
}

async function run(job) {
  const { op, close } = job.kind === 'http' ? httpOperation(job) : await pgOperation(job);
  // Warm-up (connections, JIT) outside the measurement.
  for (let i = 0; i < (job.warmup ?? 0); i++) await op();
  const latencies = [];
  const errors = [];
  let issued = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const deadline = job.durationMs === undefined ? Infinity : t0 + job.durationMs;
  const lane = async () => {
    while (performance.now() < deadline && (job.count === undefined || issued < job.count)) {
      issued += 1;
      const start = performance.now();
      try {
        await op();
        latencies.push(performance.now() - start);
      } catch (error) {
        errors.push(error.message);
        if (errors.length > 50) throw new Error(`too many errors, first: ${errors[0]}`);
      }
    }
  };
  await Promise.all(Array.from({ length: job.concurrency }, lane));
  const elapsedMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  await close();
  return { latencies, errors: errors.length, firstError: errors[0], elapsedMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

process.on('message', (message) => {
  if (message?.type !== 'run') return;
  run(message.job).then(
    (result) => process.send({ type: 'result', result }),
    (error) => process.send({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
  );
});
process.on('disconnect', () => process.exit(0));
process.send({ type: 'ready' });
