#!/usr/bin/env node
// Notifications benchmark: escalations that climb, and how fast and how soon Muster tells the new level's
// holder by email and a subscribed council system by signed webhook, beside bare primitives sending to the same
// SMTP server in the same run.
//
//   npm run bench -- notifications     (needs `npm run build`)
//
// 1. Muster: its own database and Redis prefix, an api and a worker with ESCALATION_ACK_SLA=low=<sla>, SMTP_URL
//    pointing at an smtp-server in this process and WEBHOOK_SUBSCRIBERS naming an HTTP receiver in this process
//    (it recomputes each signature and refuses a bad one). A person with an email address holds the regional
//    rota. N low-severity escalations are raised through the api (32 at a time) and nobody acknowledges them,
//    so all N climb from cell to regional within a minute, the SLA after their raise. Each climb tells the
//    regional holder by email and the subscriber by webhook (each raise, earlier, told the subscriber and the
//    PPE cell's duty contact point from the region data, nobody holding the cell's rota). Latency = acceptance (the SMTP 250, the webhook's 204) minus the
//    climb event's (`escalation.escalated`) time in the journal: it covers the relay, planning, the outbox, the
//    queue and the send. Rate = N / (last acceptance - first climb). Every message must arrive once: each
//    channel's N distinct ids accepted, none repeated, none missing, and nothing accepted that Muster did not send.
// 2. Bare nodemailer loop, with Muster's processes stopped: N messages by pooled nodemailer (5 connections, as
//    Muster's) from 16 concurrent senders (Muster's worker concurrency); latency = acceptance minus the send call.
// 3. Bare insert/queue/send: N rows inserted and their jobs queued (job id = row id) by 32 producers, a BullMQ
//    worker (concurrency 16) sending each over the same pooled nodemailer; latency = acceptance minus the insert.
//
// Knobs (env): BENCH_NOTIFY_N (1000), BENCH_NOTIFY_SLA_S (30, the low-severity acknowledgement SLA in seconds),
// BENCH_PG_ADMIN_URL, BENCH_REDIS_URL, BENCH_RECORD=0 (do not write bench/RESULTS.md), BENCH_ECHO=1 (show the
// processes' output). Exits non-zero on errors or a lost or repeated message, not on a missed target.
import { randomBytes } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { SignJWT } from 'jose';
import { createTransport } from 'nodemailer';
import { inPool, startSmtpInbox, startWebhookInbox } from './lib/inboxes.mjs';
import { BenchRun, intEnv, load1, machineLine } from './lib/muster.mjs';
import { runScenario } from './lib/processes.mjs';
import { recordScenario } from './lib/results.mjs';
import { markdownTable, ms, summarize, table } from './lib/stats.mjs';
import { waitFor } from './lib/net.mjs';

const N = intEnv('BENCH_NOTIFY_N', 1000, 10);
const SLA_S = intEnv('BENCH_NOTIFY_SLA_S', 30, 5);
const PRODUCERS = 32;
const SENDERS = 16;
const SMTP_CONNECTIONS = 5;
const FROM = 'Muster bench <muster@bench.test>';
const SUBSCRIBER = 'bench-council';
/** The Message-ID Muster's SMTP sender gives a notification (messageIdFor, with SMTP_FROM's domain). */
const emailId = (id) => `<notification.${id}@bench.test>`;
const range = (n) => Array.from({ length: n }, (_, i) => i);

/** A person signed in with a subject of their own (run.token() signs every token as the scenario's subject). */
function personToken(run, sub, claims) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setAudience('muster')
    .setIssuedAt()
    .setExpirationTime('2h')
    .sign(new TextEncoder().encode(run.jwtSecret));
}

function client(run, token) {
  return async (method, path, body) => {
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
}

/** Each climb's notices per channel, with the climb's journal time. */
async function climbNotices(run) {
  const { rows } = await run.pool.query(
    `SELECT n.id, n.channel, n.recipient_key, extract(epoch FROM j.occurred_at) * 1000 AS at
       FROM notification n JOIN journal j ON j.seq = n.event_seq
      WHERE j.type = 'escalation.escalated' AND j.data->>'level' = 'regional'`,
  );
  return { email: rows.filter((r) => r.channel === 'email'), webhook: rows.filter((r) => r.channel === 'webhook') };
}

/**
 * Delivered once: every id sent accepted, none twice, nothing accepted that Muster does not know of (`known`
 * adds rows still marked sending when the processes stopped: accepted, but their 'sent' not yet written).
 */
function onceCheck(name, sentIds, inbox, known = sentIds) {
  const sent = new Set(sentIds);
  const knownIds = new Set([...sentIds, ...known]);
  const missing = [...sent].filter((id) => !inbox.accepted.has(id)).length;
  const stray = [...inbox.accepted.keys()].filter((id) => !knownIds.has(id)).length;
  return { name, distinct: inbox.accepted.size, repeats: inbox.repeats(), missing, stray };
}

async function runMuster(run, mail, hooks, secret) {
  await run.prepare();
  await run.start({
    env: {
      ESCALATION_ACK_SLA: `low=${SLA_S}s`,
      SMTP_URL: mail.url,
      SMTP_FROM: FROM,
      WEBHOOK_SUBSCRIBERS: JSON.stringify([{ name: SUBSCRIBER, url: hooks.url, secretEnv: 'BENCH_WEBHOOK_SECRET' }]),
      BENCH_WEBHOOK_SECRET: secret,
    },
  });
  const regional = client(run, await run.token());
  const holderSub = `bench-regional-${run.runId}`;
  const holderToken = await personToken(run, holderSub, {
    name: 'Bench Regional Holder',
    roles: ['regional-coordinator'],
    clearance: 'OFFICIAL-SENSITIVE',
  });
  await client(run, holderToken)('PUT', '/api/v1/me', { email: 'regional@bench.test' });
  const hour = (n) => new Date(Date.now() + n * 3_600_000).toISOString();
  await regional('PUT', '/api/v1/rotas/regional', { shifts: [{ sub: holderSub, from: hour(-1), to: hour(6) }] });
  const officer = client(
    run,
    await run.token({
      name: 'Bench Officer',
      roles: ['authority-officer'],
      authority: 'E08000025',
      clearance: 'OFFICIAL',
    }),
  );

  run.log(`raising ${N} escalations, ${PRODUCERS} at a time; they climb to regional ${SLA_S} s after their raise`);
  const raiseStarted = Date.now();
  await inPool(range(N), PRODUCERS, (i) =>
    officer('POST', '/api/v1/escalations', {
      authority: 'E08000025',
      cell: 'ppe',
      title: `Bench notification ${i}`,
      detail: 'Notifications benchmark',
      severity: 'low',
      marking: 'OFFICIAL',
    }),
  );
  const raiseEnded = Date.now();
  let notices;
  await waitFor(
    'every climb notice to be accepted',
    async () => {
      notices = await climbNotices(run);
      const accepted = (rows, inbox, key) => rows.filter((r) => inbox.accepted.has(key(r.id))).length;
      return accepted(notices.email, mail, emailId) >= N && accepted(notices.webhook, hooks, (id) => id) >= N;
    },
    { timeoutMs: 600_000 + SLA_S * 1000, intervalMs: 250 },
  );
  await run.stopProcesses();
  // Everything Muster sent, the raise's webhooks and any climb to national included, for the once-check.
  const { rows: all } = await run.pool.query(`SELECT id, channel, status FROM notification`);
  const sent = all.filter((r) => r.status === 'sent');
  const ids = (rows, channel, key) => rows.filter((r) => r.channel === channel).map((r) => key(r.id));
  const { rows: climbs } = await run.pool.query(
    `SELECT min(occurred_at) AS first, max(occurred_at) AS last FROM journal
      WHERE type = 'escalation.escalated' AND data->>'level' = 'regional'`,
  );
  const firstClimb = climbs[0].first.getTime();
  const result = (rows, inbox, key) => {
    const latency = rows.map((r) => inbox.accepted.get(key(r.id)) - Number(r.at));
    const finished = Math.max(...rows.map((r) => inbox.accepted.get(key(r.id))));
    return { latency, perSecond: (rows.length * 1000) / (finished - firstClimb) };
  };
  const once = [
    onceCheck('email', ids(sent, 'email', emailId), mail, ids(all, 'email', emailId)),
    onceCheck(
      'webhook',
      ids(sent, 'webhook', (id) => id),
      hooks,
      ids(all, 'webhook', (id) => id),
    ),
  ];
  const holders = new Set(notices.email.map((r) => r.recipient_key));
  if (notices.email.length !== N || notices.webhook.length !== N || holders.size !== 1)
    throw new Error(
      `expected ${N} climb notices per channel to one holder: ${notices.email.length} emails ` +
        `(to ${[...holders].join(', ')}), ${notices.webhook.length} webhooks`,
    );
  return {
    email: result(notices.email, mail, emailId),
    webhook: result(notices.webhook, hooks, (id) => id),
    once,
    refused: hooks.refused(),
    raiseSeconds: (raiseEnded - raiseStarted) / 1000,
    climbSpreadSeconds: (climbs[0].last.getTime() - firstClimb) / 1000,
    sentCount: (channel) => sent.filter((r) => r.channel === channel).length,
  };
}

function pooledTransport(inbox) {
  return createTransport({ url: inbox.url, pool: true, maxConnections: SMTP_CONNECTIONS });
}

/** N messages by pooled nodemailer, SENDERS at a time: the least sending N emails takes. */
async function runBareLoop(mail) {
  mail.reset();
  const transport = pooledTransport(mail);
  const sentAt = new Map();
  const started = Date.now();
  await inPool(range(N), SENDERS, async (i) => {
    sentAt.set(i, Date.now());
    await transport.sendMail({
      from: FROM,
      to: 'regional@bench.test',
      subject: 'Bench',
      text: 'Bare notification',
      messageId: `<loop.${i}@bench.test>`,
    });
  });
  transport.close();
  const ids = range(N).map((i) => `<loop.${i}@bench.test>`);
  const latency = range(N).map((i) => mail.accepted.get(ids[i]) - sentAt.get(i));
  const finished = Math.max(...mail.accepted.values());
  return { latency, perSecond: (N * 1000) / (finished - started), once: onceCheck('bare loop', ids, mail) };
}

/** A row inserted, a BullMQ job keyed by it, a worker sending it: the least the outbox's guarantee takes. */
async function runBareQueued(run, mail) {
  mail.reset();
  await run.pool.query(`CREATE TABLE bench_bare_outbox (id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    recipient text NOT NULL, status text NOT NULL DEFAULT 'pending', created_at timestamptz NOT NULL DEFAULT now())`);
  const connection = new Redis(run.redisUrl, { maxRetriesPerRequest: null });
  const prefix = `{${run.prefix}-bare}`;
  const queue = new Queue('bare-notifications', { connection, prefix });
  const transport = pooledTransport(mail);
  const inserted = new Map();
  const worker = new Worker(
    'bare-notifications',
    async (job) => {
      await transport.sendMail({
        from: FROM,
        to: 'regional@bench.test',
        subject: 'Bench',
        text: 'Bare notification',
        messageId: `<bare.${job.id}@bench.test>`,
      });
      await run.pool.query(`UPDATE bench_bare_outbox SET status = 'sent' WHERE id = $1`, [job.id]);
    },
    { connection: new Redis(run.redisUrl, { maxRetriesPerRequest: null }), prefix, concurrency: SENDERS },
  );
  const started = Date.now();
  await inPool(range(N), PRODUCERS, async () => {
    const at = Date.now();
    const { rows } = await run.pool.query(`INSERT INTO bench_bare_outbox (recipient) VALUES ('lead') RETURNING id`);
    inserted.set(rows[0].id, at);
    await queue.add('send', {}, { jobId: rows[0].id, removeOnComplete: true });
  });
  await waitFor('every bare message to be accepted', () => mail.accepted.size >= N, {
    timeoutMs: 600_000,
    intervalMs: 100,
  });
  const finished = Math.max(...mail.accepted.values());
  const latency = [...inserted].map(([id, at]) => mail.accepted.get(`<bare.${id}@bench.test>`) - at);
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  transport.close();
  connection.disconnect();
  const ids = [...inserted.keys()].map((id) => `<bare.${id}@bench.test>`);
  return { latency, perSecond: (N * 1000) / (finished - started), once: onceCheck('bare queued', ids, mail) };
}

const onceText = (o) =>
  `${o.distinct} distinct, ${o.repeats} repeats, ${o.missing} missing${o.stray > 0 ? `, ${o.stray} stray` : ''}`;
const isOnce = (o) => o.repeats === 0 && o.missing === 0 && o.stray === 0;

function report(run, environment, loads, muster, loop, queued) {
  const row = (name, r, once) => {
    const s = summarize(r.latency);
    return [name, String(r.latency.length), r.perSecond.toFixed(0), ms(s.p50), ms(s.p99), ms(s.max), onceText(once)];
  };
  const [emailOnce, webhookOnce] = muster.once;
  const headers = ['', 'messages', 'per second', 'p50 ms', 'p99 ms', 'max ms', 'delivered once'];
  const rows = [
    row('Muster email: climb -> SMTP 250', muster.email, emailOnce),
    row('Muster webhook: climb -> 204', muster.webhook, webhookOnce),
    row('bare nodemailer loop: send -> SMTP 250', loop, loop.once),
    row('bare insert, queue, send: insert -> SMTP 250', queued, queued.once),
  ];
  console.log(table(headers, rows));
  const setting =
    `${N} low-severity escalations raised through the api in ${muster.raiseSeconds.toFixed(1)} s (${PRODUCERS} at ` +
    `a time), ESCALATION_ACK_SLA=low=${SLA_S}s, nobody acknowledging: all ${N} climbed to regional within ` +
    `${muster.climbSpreadSeconds.toFixed(1)} s of each other. Each climb told the regional rota's holder by email ` +
    '(SMTP to smtp-server in the bench process) and a subscribed council system by signed webhook (an HTTP ' +
    'receiver in the bench process that recomputes each HMAC; refused: ' +
    `${muster.refused}). Latency from the climb's \`escalation.escalated\` journal time to the receiver's ` +
    'acceptance; Muster\'s rate is N / (last acceptance - first climb), so it is paced by the climbs. "Delivered ' +
    `once" counts everything each receiver accepted against everything Muster recorded as sent, the raises' ` +
    `notices included (the PPE cell's duty contact by email, the subscriber by webhook): ${muster.sentCount('email')} ` +
    `emails and ${muster.sentCount('webhook')} webhooks. Then, with Muster stopped, the bare ` +
    `primitives to the same SMTP server: pooled nodemailer (${SMTP_CONNECTIONS} connections, as Muster's) with ` +
    `${SENDERS} senders (the worker's concurrency), and a row inserted, a BullMQ job keyed by it and a worker ` +
    `(concurrency ${SENDERS}) sending over the same transport.`;
  console.log(setting);
  if (run.record) {
    const file = recordScenario(
      'notifications',
      [setting, '', markdownTable(headers, rows), '', machineLine(environment, loads)].join('\n'),
    );
    run.log(`recorded in ${file}`);
  }
}

runScenario('notifications', async () => {
  const run = new BenchRun('notifications');
  const secret = randomBytes(32).toString('hex');
  const mail = await startSmtpInbox();
  const hooks = await startWebhookInbox(secret);
  try {
    const environment = await run.environment();
    const loads = [load1()];
    const muster = await runMuster(run, mail, hooks, secret);
    loads.push(load1());
    const loop = await runBareLoop(mail);
    const queued = await runBareQueued(run, mail);
    loads.push(load1());
    report(run, environment, loads, muster, loop, queued);
    const failed = [...muster.once, loop.once, queued.once].filter((o) => !isOnce(o));
    if (failed.length > 0 || muster.refused > 0)
      throw new Error(
        `not every message delivered once: ${failed.map((o) => `${o.name}: ${onceText(o)}`).join('; ')}` +
          `; ${muster.refused} webhook deliveries refused`,
      );
  } finally {
    await mail.close();
    await hooks.close();
    await run.cleanup();
  }
});
