import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { connectLive, type LiveClient, type LiveEvent } from './live';
import { waitFor } from './wait-for';
import { BIRMINGHAM, COVENTRY, decisionBody, DUDLEY, SANDWELL } from '@muster/builders';

/**
 * Helpers for the fault tests (test/faults): a writer that keeps a steady stream of decisions, escalations
 * and sitreps going through several api processes, retrying what a dead or degraded api refused with the
 * same Idempotency-Key; a fleet of light sockets that resubscribe with `after` when they reconnect; and the
 * journal, read directly, to compare what the sockets got with what was committed.
 */

export type WriteKind = 'decision' | 'escalation' | 'sitrep';

/** One attempt of one logical write. */
export interface Attempt {
  api: string;
  /** HTTP status, or `connection` (refused/reset) or `timeout` (no answer within the bound). */
  outcome: number | 'connection' | 'timeout';
  ms: number;
  /** The start of the body of a 5xx answer, to show what went wrong. */
  detail?: string;
}

/** One logical write, retried until it got a 2xx (or the stream's retry bound ran out). */
export interface Write {
  kind: WriteKind;
  /** The Idempotency-Key (POSTs) and the unique title/narrative that finds it in PostgreSQL. */
  key: string;
  attempts: Attempt[];
  /** The 2xx body, when it got one. */
  body?: unknown;
  status?: number;
}

export interface StreamOptions {
  /** Base URLs of the apis, written to in turn; a retry goes to the next one. */
  apis: () => readonly string[];
  token: string;
  durationMs: number;
  /** Parallel writers; default 3. */
  concurrency?: number;
  /** Each attempt's answer bound (a hang past it is recorded as `timeout`); default 5000. */
  attemptTimeoutMs?: number;
  /** How long one write keeps being retried; default 30000. */
  retryForMs?: number;
  /** Pause between writes per writer; default 50. */
  pauseMs?: number;
  /** Which kinds to write, in turn; default all three. */
  kinds?: readonly WriteKind[];
  /** Escalation severity; default `low` (no timer fires during a short test). */
  severity?: string;
  /** Outcomes that are retried; default connection, timeout and 503. */
  retryOn?: (outcome: Attempt['outcome']) => boolean;
}

const CELLS = ['ppe', 'food', 'shielding', 'homelessness'] as const;
const AUTHORITIES = [BIRMINGHAM, COVENTRY, DUDLEY, SANDWELL] as const;

const defaultRetry = (outcome: Attempt['outcome']): boolean =>
  outcome === 'connection' || outcome === 'timeout' || outcome === 503;

function request(
  kind: WriteKind,
  key: string,
  n: number,
  severity: string,
): { method: string; path: string; body: unknown } {
  const cell = CELLS[n % CELLS.length] ?? 'ppe';
  const authority = AUTHORITIES[n % AUTHORITIES.length] ?? BIRMINGHAM;
  switch (kind) {
    case 'decision':
      return {
        method: 'POST',
        path: `/api/v1/cells/${cell}/decisions`,
        body: decisionBody(key),
      };
    case 'escalation':
      return {
        method: 'POST',
        path: '/api/v1/escalations',
        body: { authority, cell, title: key, detail: 'Fault test stream', severity, marking: 'OFFICIAL' },
      };
    case 'sitrep':
      return {
        method: 'PUT',
        path: `/api/v1/cells/ppe/sitreps/${authority}/${new Date().toISOString().slice(0, 10)}`,
        body: { figures: { iir_masks_stock: n }, narrative: key },
      };
  }
}

async function attempt(
  url: string,
  token: string,
  req: { method: string; path: string; body: unknown },
  key: string,
  timeoutMs: number,
): Promise<{ attempt: Attempt; body?: unknown }> {
  const started = Date.now();
  try {
    const response = await fetch(`${url}${req.path}`, {
      method: req.method,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        accept: 'application/json',
        'idempotency-key': key,
      },
      body: JSON.stringify(req.body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      // not JSON
    }
    const answer: Attempt = { api: url, outcome: response.status, ms: Date.now() - started };
    if (response.status >= 500) answer.detail = `${req.method} ${req.path}: ${text.slice(0, 300)}`;
    return { attempt: answer, body };
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    const outcome = name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'connection';
    return { attempt: { api: url, outcome, ms: Date.now() - started } };
  }
}

/** Writes for `durationMs` (each write retried until 2xx), resolves with every write once all are settled. */
export async function runStream(opts: StreamOptions): Promise<Write[]> {
  const writes: Write[] = [];
  const kinds = opts.kinds ?? ['decision', 'escalation', 'sitrep'];
  const retryOn = opts.retryOn ?? defaultRetry;
  const until = Date.now() + opts.durationMs;
  let n = 0;
  const writer = async (): Promise<void> => {
    while (Date.now() < until) {
      const i = n++;
      const kind = kinds[i % kinds.length] ?? 'decision';
      const key = `fault-${kind}-${i}-${randomUUID()}`;
      const req = request(kind, key, i, opts.severity ?? 'low');
      const write: Write = { kind, key, attempts: [] };
      writes.push(write);
      const giveUpAt = Date.now() + (opts.retryForMs ?? 30_000);
      for (let turn = i; ; turn++) {
        const apis = opts.apis();
        const url = apis[turn % apis.length] ?? '';
        const result = await attempt(url, opts.token, req, key, opts.attemptTimeoutMs ?? 5_000);
        write.attempts.push(result.attempt);
        const outcome = result.attempt.outcome;
        if (typeof outcome === 'number' && outcome >= 200 && outcome < 300) {
          write.status = outcome;
          write.body = result.body;
          break;
        }
        if (!retryOn(outcome) || Date.now() > giveUpAt) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await new Promise((resolve) => setTimeout(resolve, opts.pauseMs ?? 50));
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency ?? 3 }, writer));
  return writes;
}

/** The 5xx answers other than 503, with what they said. */
export function serverErrors(writes: readonly Write[]): string[] {
  return writes.flatMap((w) =>
    w.attempts
      .filter((a) => typeof a.outcome === 'number' && a.outcome >= 500 && a.outcome !== 503)
      .map((a) => `${a.outcome} ${a.detail ?? ''}`),
  );
}

/** Every attempt outcome, counted: `{ '201': 40, connection: 3, '503': 1 }`. */
export function outcomes(writes: readonly Write[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const write of writes)
    for (const a of write.attempts) counts[String(a.outcome)] = (counts[String(a.outcome)] ?? 0) + 1;
  return counts;
}

/**
 * How many rows each acknowledged write left in PostgreSQL, by its unique key (title or narrative): every
 * write that got a 2xx must have exactly one (at most once written, never lost). Returns the writes whose
 * count is not 1, with the count, so a failure shows which.
 */
export async function storedOnce(
  databaseUrl: string,
  writes: readonly Write[],
): Promise<Array<{ key: string; kind: WriteKind; rows: number }>> {
  const acknowledged = writes.filter((w) => w.status !== undefined);
  const counts = await withDb(databaseUrl, async (client) => {
    const found = new Map<string, number>();
    const add = (rows: Array<{ key: string; n: string }>) => rows.forEach((row) => found.set(row.key, Number(row.n)));
    const keysOf = (kind: WriteKind) => acknowledged.filter((w) => w.kind === kind).map((w) => w.key);
    add(
      (
        await client.query<{ key: string; n: string }>(
          `SELECT body->'record'->>'title' AS key, count(*) AS n FROM decision_log_entry WHERE body->'record'->>'title' = ANY($1) GROUP BY 1`,
          [keysOf('decision')],
        )
      ).rows,
    );
    add(
      (
        await client.query<{ key: string; n: string }>(
          `SELECT title AS key, count(*) AS n FROM escalation WHERE title = ANY($1) GROUP BY 1`,
          [keysOf('escalation')],
        )
      ).rows,
    );
    add(
      (
        await client.query<{ key: string; n: string }>(
          `SELECT narrative AS key, count(*) AS n FROM sitrep WHERE narrative = ANY($1) GROUP BY 1`,
          [keysOf('sitrep')],
        )
      ).rows,
    );
    return found;
  });
  return acknowledged
    .map((w) => ({ key: w.key, kind: w.kind, rows: counts.get(w.key) ?? 0 }))
    .filter((r) => r.rows !== 1);
}

export async function withDb<T>(databaseUrl: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Journal positions on a topic after `after`, in order (only rows the relay has sequenced). */
export async function journalSeqs(databaseUrl: string, topic: string, after: number): Promise<number[]> {
  return withDb(databaseUrl, async (client) => {
    const result = await client.query<{ seq: string }>(
      `SELECT seq FROM journal WHERE seq IS NOT NULL AND seq > $1 AND $2 = ANY(topics) ORDER BY seq`,
      [after, topic],
    );
    return result.rows.map((row) => Number(row.seq));
  });
}

/** The highest journal position so far (0 when none), once every committed row has one. */
export async function settledJournal(databaseUrl: string, timeoutMs = 15_000): Promise<number> {
  return waitFor(
    () =>
      withDb(databaseUrl, async (client) => {
        const result = await client.query<{ unsequenced: string; max: string | null }>(
          `SELECT count(*) FILTER (WHERE seq IS NULL) AS unsequenced, max(seq) AS max FROM journal`,
        );
        const row = result.rows[0];
        return row && Number(row.unsequenced) === 0 ? Number(row.max ?? 0) : undefined;
      }),
    { timeoutMs, intervalMs: 100, description: 'every journal row to be sequenced' },
  );
}

/** A socket of the fleet: it resubscribes with `after: <last seq seen>` each time it reconnects. */
export interface FleetSocket {
  client: LiveClient;
  api: string;
  reconnects: number;
  /** Acks of the resubscriptions (and whether any failed). */
  resubscribeErrors: string[];
  lastSeq(): number;
}

/**
 * `count` sockets on `topics`, spread over the apis in turn, each subscribed with `after` (so that every
 * socket's stream starts at the same position, whatever arrived while the others connected).
 */
export async function openFleet(
  apis: readonly string[],
  token: string,
  count: number,
  topics: string[],
  after: number,
): Promise<FleetSocket[]> {
  const fleet: FleetSocket[] = [];
  const batch = 25;
  for (let start = 0; start < count; start += batch) {
    const made = await Promise.all(
      Array.from({ length: Math.min(batch, count - start) }, async (_, j) => {
        const api = apis[(start + j) % apis.length] ?? '';
        const client = await connectLive(api, token, { timeoutMs: 10_000 });
        const member: FleetSocket = {
          client,
          api,
          reconnects: 0,
          resubscribeErrors: [],
          lastSeq: () => client.events.reduce((max, e) => Math.max(max, e.seq), after),
        };
        client.socket.io.on('reconnect', () => {
          member.reconnects++;
          client
            .subscribe({ topics, after: member.lastSeq() }, 10_000)
            .then((ack) => {
              if (ack.refused.length > 0) member.resubscribeErrors.push(JSON.stringify(ack));
            })
            .catch((error: unknown) => member.resubscribeErrors.push(String(error)));
        });
        const ack = await client.subscribe({ topics, after }, 10_000);
        if (ack.refused.length > 0) throw new Error(`fleet subscribe refused: ${JSON.stringify(ack)}`);
        return member;
      }),
    );
    fleet.push(...made);
  }
  return fleet;
}

/** Waits until every socket has seen `lastSeq` (or the bound passes; the caller then compares). */
export async function fleetCaughtUp(fleet: readonly FleetSocket[], lastSeq: number, timeoutMs: number): Promise<void> {
  await waitFor(() => (fleet.every((s) => s.lastSeq() >= lastSeq) ? true : undefined), {
    timeoutMs,
    intervalMs: 100,
    description: `every socket to reach seq ${lastSeq} (behind: ${fleet.filter((s) => s.lastSeq() < lastSeq).length})`,
  }).catch(() => undefined);
}

/**
 * What is wrong with each socket's stream against the journal's: missing seqs, duplicates, out of order.
 * Empty when every socket got exactly the journal's positions, once each, in strictly increasing order.
 */
export function fleetProblems(fleet: readonly FleetSocket[], expected: readonly number[]): string[] {
  const problems: string[] = [];
  const want = new Set(expected);
  fleet.forEach((member, i) => {
    const seqs = member.client.events.map((e: LiveEvent) => e.seq);
    const seen = new Set(seqs);
    const missing = expected.filter((s) => !seen.has(s));
    const extra = [...seen].filter((s) => !want.has(s));
    const duplicates = seqs.length - seen.size;
    const outOfOrder = seqs.findIndex((s, k) => k > 0 && s <= (seqs[k - 1] ?? 0));
    if (missing.length || extra.length || duplicates || outOfOrder >= 0 || member.resubscribeErrors.length) {
      problems.push(
        `socket ${i} on ${member.api} (reconnects ${member.reconnects}): got ${seqs.length}/${expected.length}, ` +
          `missing ${missing.length} [${missing.slice(0, 8).join(',')}], extra [${extra.slice(0, 8).join(',')}], duplicates ${duplicates}, ` +
          `first out of order at ${outOfOrder}${member.resubscribeErrors.length ? `, resubscribe errors ${member.resubscribeErrors.join('; ')}` : ''}`,
      );
    }
  });
  return problems;
}

export function closeFleet(fleet: readonly FleetSocket[]): void {
  for (const member of fleet) member.client.close();
}

/** A redis-server started on a given port (the port a stopped one had), without persistence. */
export interface PortRedis {
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

const portServers = new Set<PortRedis>();

/** Stops every redis-server `startRedisOnPort` started; for `afterAll`. */
export async function stopPortRedis(): Promise<void> {
  const servers = [...portServers];
  portServers.clear();
  await Promise.all(servers.map((server) => server.stop()));
}

/**
 * Starts a fresh redis-server (empty: no persistence) on `port`, e.g. where a server of the test's own was
 * just stopped, so that processes pointed at that URL find Redis back "restarted". Only its own pid is ever
 * signalled; it dies with the test runner (setpriv --pdeathsig) where available.
 */
export async function startRedisOnPort(port: number, readyTimeoutMs = 10_000): Promise<PortRedis> {
  const dir = await mkdtemp(path.join(tmpdir(), 'muster-redis-port-'));
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
    '--dir',
    dir,
    '--daemonize',
    'no',
    '--loglevel',
    'warning',
  ];
  const pdeathsig = spawnSync('setpriv', ['--pdeathsig', 'SIGKILL', 'true'], { stdio: 'ignore' }).status === 0;
  const child = pdeathsig
    ? spawn('setpriv', ['--pdeathsig', 'SIGKILL', '/usr/bin/redis-server', ...args], { cwd: dir, stdio: 'ignore' })
    : spawn('/usr/bin/redis-server', args, { cwd: dir, stdio: 'ignore' });
  let exited = false;
  const exit = new Promise<void>((resolve) => {
    child.once('exit', () => {
      exited = true;
      resolve();
    });
  });
  let stopping: Promise<void> | undefined;
  const server: PortRedis = {
    get pid() {
      return child.pid;
    },
    stop: () =>
      (stopping ??= (async () => {
        if (!exited) {
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
          await exit;
          clearTimeout(timer);
        }
        portServers.delete(server);
        await rm(dir, { recursive: true, force: true });
      })()),
  };
  portServers.add(server);
  const started = Date.now();
  for (;;) {
    if (exited) throw new Error(`redis-server on port ${port} exited at start (port still taken?)`);
    const redis = new Redis(`redis://127.0.0.1:${port}`, {
      lazyConnect: true,
      connectTimeout: 1_000,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    redis.on('error', () => undefined);
    const ok = await redis
      .connect()
      .then(() => redis.ping())
      .then((pong) => pong === 'PONG')
      .catch(() => false)
      .finally(() => redis.disconnect());
    if (ok) return server;
    if (Date.now() - started > readyTimeoutMs) {
      await server.stop();
      throw new Error(`redis-server on port ${port} did not answer within ${readyTimeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Polls `GET <url>/health/ready` until it answers `status` (within `timeoutMs`); returns when it did. */
export async function readinessBecomes(apiUrl: string, status: number, timeoutMs: number): Promise<number> {
  return waitFor(
    async () => {
      const response = await fetch(`${apiUrl}/health/ready`, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      return response.status === status ? Date.now() : undefined;
    },
    { timeoutMs, intervalMs: 100, description: `${apiUrl}/health/ready to answer ${status}` },
  );
}
