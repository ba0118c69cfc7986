#!/usr/bin/env node
// Notifications benchmark: how fast Muster plans and sends the email an escalation causes, and how long from
// the event to the SMTP server's acceptance, beside a bare primitive doing the least the same guarantee needs
// (a row inserted in PostgreSQL, a BullMQ job keyed by it, a worker sending it with nodemailer), measured in the
// same run against the same SMTP server.
//
//   npm run bench -- notifications     (needs `npm run build`)
//
// 1. Muster: its own database and Redis prefix, an api and a worker with SMTP_URL pointing at an smtp-server in
//    this process. The PPE cell's lead is on its rota with an email address. N escalations are raised through
//    the api (32 at a time); each tells the lead once. Latency = SMTP acceptance (the 250) minus the raise
//    event's time in the journal; it covers the relay, planning (directory and rota reads, the outbox insert),
//    the queue and the send. Every message must arrive once: N distinct Message-IDs, no repeat.
// 2. Bare, with Muster's processes stopped: the same N, a row inserted and its job queued (job id = row id) by
//    32 concurrent producers, a BullMQ worker (concurrency 16, as Muster's) sending each over pooled nodemailer
//    (5 connections, as Muster's); latency = acceptance minus the row's insert.
//
// Knobs (env): BENCH_NOTIFY_N (1000), BENCH_PG_ADMIN_URL, BENCH_REDIS_URL, BENCH_RECORD=0 (do not write
// bench/RESULTS.md), BENCH_ECHO=1 (show the processes' output). Exits non-zero on errors or a lost or repeated
// message, not on a missed target.
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { SignJWT } from 'jose';
import { createTransport } from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { BenchRun, intEnv, load1, machineLine } from './lib/muster.mjs';
import { runScenario } from './lib/processes.mjs';
import { recordScenario } from './lib/results.mjs';
import { markdownTable, ms, summarize, table } from './lib/stats.mjs';
import { waitFor } from './lib/net.mjs';

const N = intEnv('BENCH_NOTIFY_N', 1000, 10);
const PRODUCERS = 32;
const FROM = 'Muster bench <muster@bench.test>';

/** An SMTP server that accepts everything and notes when each Message-ID was accepted. */
async function startInbox() {
  const accepted = new Map();
  let repeats = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks = [];
      stream.on('data', (chunk) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString();
        const head = raw.slice(0, raw.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/g, ' ');
        const id = /^message-id:\s*(\S+)/im.exec(head)?.[1] ?? '';
        if (accepted.has(id)) repeats += 1;
        else accepted.set(id, Date.now());
        callback(null);
      });
    },
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `smtp://127.0.0.1:${server.server.address().port}`;
  return {
    url,
    accepted,
    repeats: () => repeats,
    reset: () => {
      accepted.clear();
      repeats = 0;
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

async function pool(items, concurrency, fn) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}

async function runMuster(run, inbox) {
  process.env.SMTP_URL = inbox.url;
  process.env.SMTP_FROM = FROM;
  await run.prepare();
  await run.start();
  const api = (token) => async (method, path, body) => {
    const response = await fetch(`${run.apiUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 300)}`);
    return text === '' ? undefined : JSON.parse(text);
  };
  const regional = api(await run.token());
  // run.token() signs every token as the scenario's subject; the lead needs a subject of their own.
  const leadSub = `bench-lead-${run.runId}`;
  const leadToken = await new SignJWT({ name: 'Bench Lead', roles: ['cell-lead'], cells: ['ppe'] })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(leadSub)
    .setAudience('muster')
    .setIssuedAt()
    .setExpirationTime('2h')
    .sign(new TextEncoder().encode(run.jwtSecret));
  await api(leadToken)('PUT', '/api/v1/me', { email: 'lead@bench.test' });
  const hour = (n) => new Date(Date.now() + n * 3_600_000).toISOString();
  await regional('PUT', '/api/v1/rotas/ppe', { shifts: [{ sub: leadSub, from: hour(-1), to: hour(6) }] });
  const officer = api(
    await run.token({
      name: 'Bench Officer',
      roles: ['authority-officer'],
      authority: 'E08000025',
      clearance: 'OFFICIAL',
    }),
  );

  run.log(`raising ${N} escalations, ${PRODUCERS} at a time`);
  const started = Date.now();
  await pool(
    Array.from({ length: N }, (_, i) => i),
    PRODUCERS,
    (i) =>
      officer('POST', '/api/v1/escalations', {
        authority: 'E08000025',
        cell: 'ppe',
        title: `Bench notification ${i}`,
        detail: 'Notifications benchmark',
        severity: 'low',
        marking: 'OFFICIAL',
      }),
  );
  await waitFor('every message to be accepted', () => inbox.accepted.size >= N, {
    timeoutMs: 600_000,
    intervalMs: 100,
  });
  const finished = Math.max(...inbox.accepted.values());
  const { rows } = await run.pool.query(
    `SELECT n.id, extract(epoch FROM j.occurred_at) * 1000 AS at
       FROM notification n JOIN journal j ON j.seq = n.event_seq`,
  );
  const latency = [];
  for (const row of rows) {
    const acceptedAt = inbox.accepted.get(`<notification.${row.id}@bench.test>`);
    if (acceptedAt !== undefined) latency.push(acceptedAt - Number(row.at));
  }
  await run.stopProcesses();
  if (rows.length !== N || latency.length !== N || inbox.repeats() > 0)
    throw new Error(
      `expected ${N} notifications each accepted once: ${rows.length} rows, ${latency.length} accepted, ${inbox.repeats()} repeats`,
    );
  return { latency, perSecond: (N * 1000) / (finished - started) };
}

async function runBare(run, inbox) {
  inbox.reset();
  await run.pool.query(`CREATE TABLE bench_bare_outbox (id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    recipient text NOT NULL, status text NOT NULL DEFAULT 'pending', created_at timestamptz NOT NULL DEFAULT now())`);
  const connection = new Redis(run.redisUrl, { maxRetriesPerRequest: null });
  const prefix = `{${run.prefix}-bare}`;
  const queue = new Queue('bare-notifications', { connection, prefix });
  const transport = createTransport({ url: inbox.url, pool: true, maxConnections: 5 });
  const inserted = new Map();
  const worker = new Worker(
    'bare-notifications',
    async (job) => {
      await transport.sendMail({
        from: FROM,
        to: 'lead@bench.test',
        subject: 'Bench',
        text: 'Bare notification',
        messageId: `<bare.${job.id}@bench.test>`,
      });
      await run.pool.query(`UPDATE bench_bare_outbox SET status = 'sent' WHERE id = $1`, [job.id]);
    },
    { connection: new Redis(run.redisUrl, { maxRetriesPerRequest: null }), prefix, concurrency: 16 },
  );
  const started = Date.now();
  await pool(
    Array.from({ length: N }, (_, i) => i),
    PRODUCERS,
    async () => {
      const at = Date.now();
      const { rows } = await run.pool.query(`INSERT INTO bench_bare_outbox (recipient) VALUES ('lead') RETURNING id`);
      inserted.set(rows[0].id, at);
      await queue.add('send', {}, { jobId: rows[0].id, removeOnComplete: true });
    },
  );
  await waitFor('every bare message to be accepted', () => inbox.accepted.size >= N, {
    timeoutMs: 600_000,
    intervalMs: 100,
  });
  const finished = Math.max(...inbox.accepted.values());
  const latency = [...inserted].map(([id, at]) => inbox.accepted.get(`<bare.${id}@bench.test>`) - at);
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  transport.close();
  connection.disconnect();
  if (latency.some((v) => !Number.isFinite(v)) || inbox.repeats() > 0)
    throw new Error('a bare message was lost or repeated');
  return { latency, perSecond: (N * 1000) / (finished - started) };
}

runScenario('notifications', async () => {
  const run = new BenchRun('notifications');
  const inbox = await startInbox();
  try {
    const environment = await run.environment();
    const loads = [load1()];
    const muster = await runMuster(run, inbox);
    loads.push(load1());
    const bare = await runBare(run, inbox);
    loads.push(load1());
    const row = (name, r) => {
      const s = summarize(r.latency);
      return [name, String(N), r.perSecond.toFixed(0), ms(s.p50), ms(s.p99), ms(s.max)];
    };
    const headers = ['', 'messages', 'per second', 'p50 ms', 'p99 ms', 'max ms'];
    const rows = [row('Muster (relay, plan, outbox, queue, send)', muster), row('bare (insert, queue, send)', bare)];
    console.log(table(headers, rows));
    if (run.record) {
      const file = recordScenario(
        'notifications',
        [
          `${N} escalations raised through the api, ${PRODUCERS} at a time, each telling the PPE cell's lead by email ` +
            "(SMTP to smtp-server in the bench process); latency from the event (journal time) or the bare row's " +
            "insert to the SMTP server's acceptance; every message accepted exactly once in both. Both rates are " +
            'bound by the sends (5 pooled SMTP connections, 16 jobs at a time); the bare producers queue faster than ' +
            "that, so the bare latency is mostly waiting behind its own backlog, while Muster's arrivals are paced " +
            'by the api.',
          '',
          markdownTable(headers, rows),
          '',
          machineLine(environment, loads),
        ].join('\n'),
      );
      run.log(`recorded in ${file}`);
    }
  } finally {
    await inbox.close();
    await run.cleanup();
  }
});
