import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import {
  closeFleet,
  fleetCaughtUp,
  freePort,
  fleetProblems,
  historyOutline,
  journalSeqs,
  mintToken,
  openFleet,
  settledJournal,
  sleep,
  startApi,
  startPostgresServer,
  startRedisOnPort,
  startRedisServer,
  startWorker,
  stopAll,
  stopPortRedis,
  stopPostgresServers,
  storedOnce,
  uniqueRedisPrefix,
  waitFor,
  withDb,
  type ApiHandle,
  type FleetSocket,
  type HistoryStep,
  type LiveEvent,
  type PostgresServer,
  type RedisServer,
  type StartOptions,
  type WorkerHandle,
  type Write,
} from '@muster/testing';
import {
  between,
  errorsByKind,
  heapAfterGcMiB,
  memoryTable,
  memoryVerdicts,
  ok,
  pick,
  rssMiB,
  seededRandom,
  send,
  shuffled,
  type MemorySample,
  type SoakKind,
  type SoakOp,
} from './load';
import { BIRMINGHAM, COVENTRY, decisionBody, DUDLEY, SANDWELL } from '@muster/builders';

/**
 * The soak (`npm run soak`, not part of `npm test`): SOAK_MINUTES (default 10) of mixed load — decisions,
 * escalations (some acknowledged), decision requests with short deadlines (some answered), sitreps — through
 * two apis and two workers on a private PostgreSQL and a private redis-server, while 200 sockets listen on
 * `region`, with faults injected at seeded random intervals: an api SIGKILLed and restarted, a worker
 * SIGKILLed and restarted, Redis restarted empty, Redis FLUSHALLed, PostgreSQL stopped for a few seconds.
 *
 * Then, after a settle period, it prints requests by kind, errors by kind, events delivered vs expected,
 * timers fired vs expected and memory over time, and asserts: zero lost and zero duplicated writes, events
 * and timer steps; memory flat (the last third's average heap after full collections within +25% of the
 * first third's, after warm-up).
 *
 * Knobs: SOAK_MINUTES, SOAK_SEED (printed; reuse it to replay the fault schedule), SOAK_SAMPLE_SECONDS
 * (default 30, or duration/12 when shorter), SOAK_SOCKETS (default 200), SOAK_SETTLE_SECONDS (default 120).
 */

const num = (name: string, fallback: number): number => {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? Number.NaN : Number(raw);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};

const MINUTES = num('SOAK_MINUTES', 10);
const LOAD_MS = Math.round(MINUTES * 60_000);
const SEED = Math.floor(num('SOAK_SEED', Math.floor(Math.random() * 2 ** 31)));
const SAMPLE_MS = Math.round(num('SOAK_SAMPLE_SECONDS', Math.min(30, Math.max(5, LOAD_MS / 1000 / 12))) * 1000);
const SOCKETS = Math.floor(num('SOAK_SOCKETS', 200));
const SETTLE_MS = Math.round(num('SOAK_SETTLE_SECONDS', 120) * 1000);
const WRITERS = 4;
const ACK_SLA = 'critical=3s,high=5s,medium=8s,low=12s';
const REQUEST_DUE_MS = 5_000;
const ATTEMPT_TIMEOUT_MS = 5_000;
const RETRY_FOR_MS = 90_000;
const CELLS = ['ppe', 'food', 'shielding', 'homelessness'] as const;
const AUTHORITIES = [BIRMINGHAM, COVENTRY, DUDLEY, SANDWELL] as const;
const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
const LEVELS = ['cell', 'regional', 'national'] as const;
const REGIONAL = 'soak-regional';
const LEAD = 'soak-lead';
const LADDER = [
  'raised@cell by soak-regional',
  'escalated cell→regional by system',
  'escalated regional→national by system',
  'overdue@national by system',
];
const REQUEST_LADDER = [
  'raised@regional by system',
  'escalated regional→national by system',
  'overdue@national by system',
];
const ROLES = ['api1', 'api2', 'worker1', 'worker2'] as const;

type FaultKind = 'api-kill' | 'worker-kill' | 'redis-restart' | 'redis-flushall' | 'postgres-stop';
const FAULTS: readonly FaultKind[] = ['api-kill', 'worker-kill', 'redis-restart', 'redis-flushall', 'postgres-stop'];

const log = (line: string): void =>
  void process.stdout.write(`[soak ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

interface EscalationRow {
  title: string;
  history: HistoryStep[];
  decision_request_id: string | null;
}

describe('soak', () => {
  let pg: PostgresServer;
  let redis: RedisServer;
  let redisNow: { stop(): Promise<void> };
  const apis: ApiHandle[] = [];
  const workers: WorkerHandle[] = [];
  const workerMetricsPorts: number[] = [];
  let fleet: FleetSocket[] = [];

  beforeAll(async () => {
    log(
      `seed ${SEED} (SOAK_SEED=${SEED} replays this fault schedule), ${MINUTES} min of load, ${SOCKETS} sockets, sample every ${SAMPLE_MS / 1000}s, SLAs ${ACK_SLA}`,
    );
    [pg, redis] = await Promise.all([startPostgresServer(), startRedisServer()]);
    redisNow = redis;
    const options: StartOptions = {
      databaseUrl: pg.url,
      redisPrefix: uniqueRedisPrefix(),
      redisUrl: redis.url,
      env: {
        WORKER_METRICS_PORT: '0',
        DATABASE_POOL_SIZE: '10',
        ESCALATION_ACK_SLA: ACK_SLA,
        ESCALATION_RECONCILE_INTERVAL: '3s',
        // One client machine drives all the load: the per-token and per-address limits are not under test.
        RATE_LIMIT_PER_TOKEN: '1000000/1m',
        RATE_LIMIT_PER_ADDRESS: '1000000/1m',
      },
      readyTimeoutMs: 30_000,
    };
    // Each worker serves /metrics on its own port, for the heap-after-collection samples.
    workerMetricsPorts.push(await freePort(), await freePort());
    const worker = (port: number | undefined) =>
      startWorker({ ...options, env: { ...options.env, WORKER_METRICS_PORT: String(port) } });
    const [a1, a2, w1, w2] = await Promise.all([
      startApi(options),
      startApi(options),
      worker(workerMetricsPorts[0]),
      worker(workerMetricsPorts[1]),
    ]);
    apis.push(a1, a2);
    workers.push(w1, w2);
  }, 120_000);

  afterAll(async () => {
    closeFleet(fleet);
    await stopAll();
    await stopPortRedis();
    await redis?.stop();
    await stopPostgresServers();
  }, 120_000);

  it(
    `${MINUTES} min of mixed load with faults: zero lost, zero duplicated, memory flat`,
    async () => {
      const random = seededRandom(SEED);
      const faultRandom = seededRandom(SEED ^ 0x5eed);
      const expiresIn = `${Math.ceil(MINUTES) + 60}m`;
      const regionalToken = await mintToken(
        { sub: REGIONAL, name: 'Soak regional', roles: ['regional-coordinator'], clearance: 'OFFICIAL-SENSITIVE' },
        { expiresIn },
      );
      const leadToken = await mintToken(
        { sub: LEAD, name: 'Soak lead', roles: ['cell-lead'], cells: [...CELLS], clearance: 'OFFICIAL-SENSITIVE' },
        { expiresIn },
      );
      const apiUrls = (): string[] => apis.map((a) => a.url);

      const baseline = await settledJournal(pg.url);
      fleet = await openFleet(apiUrls(), regionalToken, SOCKETS, ['region'], baseline);
      log(`${fleet.length} sockets subscribed to region after seq ${baseline}`);

      // Keep the runner's own memory bounded: only each event's seq matters for the comparison.
      const compacted = new Map<FleetSocket, number>();
      const compact = (): void => {
        for (const member of fleet) {
          const events: LiveEvent[] = member.client.events;
          for (let i = compacted.get(member) ?? 0; i < events.length; i++) {
            const e = events[i];
            if (e) events[i] = { seq: e.seq, type: '', at: '', marking: e.marking, data: null };
          }
          compacted.set(member, events.length);
        }
      };

      // Memory sampler.
      const started = Date.now();
      const samples: MemorySample[] = [];
      const workerMetrics = (i: number): string | undefined =>
        workerMetricsPorts[i] === undefined ? undefined : `http://127.0.0.1:${workerMetricsPorts[i]}/metrics`;
      const handles = (): Record<string, { pid: number | undefined; metrics: string | undefined }> => ({
        api1: { pid: apis[0]?.pid, metrics: apis[0] && `${apis[0].url}/metrics` },
        api2: { pid: apis[1]?.pid, metrics: apis[1] && `${apis[1].url}/metrics` },
        worker1: { pid: workers[0]?.pid, metrics: workerMetrics(0) },
        worker2: { pid: workers[1]?.pid, metrics: workerMetrics(1) },
      });
      const sample = async (): Promise<void> => {
        const atS = Math.round((Date.now() - started) / 1000);
        const values: MemorySample['values'] = {};
        await Promise.all(
          Object.entries(handles()).map(async ([role, h]) => {
            values[role] = { pid: h.pid, mib: rssMiB(h.pid), heapMiB: await heapAfterGcMiB(h.metrics) };
          }),
        );
        values['runner'] = { pid: process.pid, mib: rssMiB(process.pid) };
        samples.push({ atS, values });
      };
      await sample();
      const sampler = setInterval(() => void sample(), SAMPLE_MS);
      const compactor = setInterval(compact, 5_000);

      // Load.
      const ops: SoakOp[] = [];
      const loadEnd = started + LOAD_MS;
      let n = 0;
      const sendOp = (
        kind: SoakKind,
        key: string,
        method: 'POST' | 'PUT',
        path: string,
        body: unknown,
        token: string,
        target?: SoakOp,
      ): Promise<SoakOp> => {
        const op: SoakOp = { kind, key, method, path, body, attempts: [], ...(target ? { target } : {}) };
        ops.push(op);
        return send(op, {
          apis: apiUrls,
          token,
          attemptTimeoutMs: ATTEMPT_TIMEOUT_MS,
          retryForMs: RETRY_FOR_MS,
          turn: n,
        });
      };
      const writer = async (): Promise<void> => {
        while (Date.now() < loadEnd) {
          const i = n++;
          const cell = CELLS[i % CELLS.length] ?? 'ppe';
          const authority = AUTHORITIES[i % AUTHORITIES.length] ?? BIRMINGHAM;
          const roll = random();
          if (roll < 0.25) {
            const key = `soak-decision-${i}-${randomUUID()}`;
            await sendOp('decision', key, 'POST', `/api/v1/cells/${cell}/decisions`, decisionBody(key), regionalToken);
          } else if (roll < 0.55) {
            const key = `soak-escalation-${i}-${randomUUID()}`;
            const severity = pick(random, SEVERITIES);
            const acknowledge = random() < 0.35;
            const ackDelay = between(random, 0, 1_000);
            const raised = await sendOp(
              'escalation',
              key,
              'POST',
              '/api/v1/escalations',
              { authority, cell, title: key, detail: `Soak ${severity}`, severity, marking: 'OFFICIAL' },
              regionalToken,
            );
            const id = (raised.response as { id?: string } | undefined)?.id;
            if (acknowledge && ok(raised) && id) {
              await sleep(ackDelay);
              await sendOp(
                'ack',
                `soak-ack-${i}-${randomUUID()}`,
                'POST',
                `/api/v1/escalations/${id}/acknowledge`,
                { note: 'On it' },
                leadToken,
                raised,
              );
            }
          } else if (roll < 0.75) {
            const key = `soak-sitrep-${i}-${randomUUID()}`;
            await sendOp(
              'sitrep',
              key,
              'PUT',
              `/api/v1/cells/ppe/sitreps/${authority}/${new Date().toISOString().slice(0, 10)}`,
              { figures: { iir_masks_stock: i }, narrative: key },
              regionalToken,
            );
          } else {
            const key = `soak-request-${i}-${randomUUID()}`;
            const answer = random() < 0.5;
            const answerDelay = between(random, 0, 1_500);
            const opened = await sendOp(
              'request',
              key,
              'POST',
              `/api/v1/cells/${cell}/decision-requests`,
              { question: key, dueAt: new Date(Date.now() + REQUEST_DUE_MS).toISOString(), marking: 'OFFICIAL' },
              leadToken,
            );
            const id = (opened.response as { id?: string } | undefined)?.id;
            if (answer && ok(opened) && id) {
              await sleep(answerDelay);
              const answerKey = `soak-answer-${i}-${randomUUID()}`;
              await sendOp(
                'answer',
                answerKey,
                'POST',
                `/api/v1/cells/${cell}/decision-requests/${id}/decision`,
                decisionBody(answerKey),
                leadToken,
                opened,
              );
            }
          }
          await sleep(between(random, 50, 150));
        }
      };

      // Faults, at seeded random intervals, every kind in turn (shuffled per round).
      const faultLog: string[] = [];
      const faultErrors: string[] = [];
      const injectFaults = async (): Promise<void> => {
        const perRun = Math.max(FAULTS.length + 1, Math.round(MINUTES * 3));
        const meanGap = LOAD_MS / perRun;
        let queue: FaultKind[] = [];
        for (;;) {
          await sleep(Math.round(meanGap * (0.4 + 0.8 * faultRandom())));
          if (Date.now() > loadEnd - 8_000) return;
          if (queue.length === 0) queue = shuffled(faultRandom, FAULTS);
          const fault = queue.shift() as FaultKind;
          const t = Math.round((Date.now() - started) / 1000);
          const outageMs = between(faultRandom, 1_000, 5_000);
          try {
            let what: string;
            switch (fault) {
              case 'api-kill': {
                const which = between(faultRandom, 0, apis.length - 1);
                const api = apis[which] as ApiHandle;
                const pid = api.pid;
                await api.kill();
                await sleep(outageMs);
                await api.restart();
                what = `SIGKILL api${which + 1} (pid ${String(pid)}), down ${outageMs} ms, restarted as pid ${String(api.pid)}`;
                break;
              }
              case 'worker-kill': {
                const which = between(faultRandom, 0, workers.length - 1);
                const worker = workers[which] as WorkerHandle;
                const pid = worker.pid;
                await worker.kill();
                await sleep(outageMs);
                await worker.restart();
                what = `SIGKILL worker${which + 1} (pid ${String(pid)}), down ${outageMs} ms, restarted as pid ${String(worker.pid)}`;
                break;
              }
              case 'redis-restart':
                await redisNow.stop();
                await sleep(outageMs);
                redisNow = await startRedisOnPort(redis.port);
                what = `Redis stopped ${outageMs} ms, started again empty on port ${redis.port}`;
                break;
              case 'redis-flushall': {
                const client = new Redis(redis.url, { maxRetriesPerRequest: 1 });
                client.on('error', () => undefined);
                try {
                  await client.flushall();
                } finally {
                  client.disconnect();
                }
                what = 'Redis FLUSHALL';
                break;
              }
              case 'postgres-stop':
                await pg.stop();
                await sleep(outageMs);
                await pg.start();
                what = `PostgreSQL stopped ${outageMs} ms, started again`;
                break;
            }
            faultLog.push(`t=${t}s ${what}`);
            log(`fault: ${what}`);
          } catch (error) {
            faultErrors.push(
              `t=${t}s ${fault}: ${error instanceof Error ? error.message.slice(0, 500) : String(error)}`,
            );
            log(`fault ${fault} FAILED: ${String(error)}`);
          }
        }
      };

      const progress = setInterval(
        () => log(`${ops.length} requests so far, ${ops.filter(ok).length} acknowledged`),
        30_000,
      );
      await Promise.all([...Array.from({ length: WRITERS }, writer), injectFaults()]);
      clearInterval(progress);
      const loadEnded = Date.now();
      log(`load ended: ${ops.length} requests; settling (up to ${SETTLE_MS / 1000}s)`);

      // Settle: every escalation and request reaches an end state (acknowledged, overdue at national, decided).
      const escalations = ops.filter((op) => op.kind === 'escalation' && ok(op));
      const requests = ops.filter((op) => op.kind === 'request' && ok(op));
      const acks = new Map(ops.filter((op) => op.kind === 'ack' && op.target).map((op) => [op.target as SoakOp, op]));
      const answers = new Map(
        ops.filter((op) => op.kind === 'answer' && op.target).map((op) => [op.target as SoakOp, op]),
      );
      const idOf = (op: SoakOp): string => (op.response as { id: string }).id;
      const readState = (): Promise<{
        escalations: Map<string, EscalationRow>;
        requests: Map<string, { status: string; question: string }>;
        byRequest: Map<string, EscalationRow[]>;
      }> =>
        withDb(pg.url, async (client) => {
          const e = await client.query<EscalationRow>(
            `SELECT title, history, decision_request_id FROM escalation WHERE title = ANY($1)`,
            [escalations.map((op) => op.key)],
          );
          const r = await client.query<{ id: string; status: string; question: string }>(
            `SELECT id, status, question FROM decision_request WHERE id = ANY($1::uuid[])`,
            [requests.map(idOf)],
          );
          const re = await client.query<EscalationRow>(
            `SELECT title, history, decision_request_id FROM escalation WHERE decision_request_id = ANY($1::uuid[])`,
            [requests.map(idOf)],
          );
          const byRequest = new Map<string, EscalationRow[]>();
          for (const row of re.rows)
            byRequest.set(row.decision_request_id ?? '', [
              ...(byRequest.get(row.decision_request_id ?? '') ?? []),
              row,
            ]);
          return {
            escalations: new Map(e.rows.map((row) => [row.title, row])),
            requests: new Map(r.rows.map((row) => [row.id, row])),
            byRequest,
          };
        });
      const terminal = (history: readonly HistoryStep[]): boolean =>
        history.some((s) => s.step === 'overdue' || s.step === 'acknowledged' || s.step === 'resolved');
      const state = await waitFor(
        async () => {
          const s = await readState();
          const escalationsDone = escalations.every((op) => terminal(s.escalations.get(op.key)?.history ?? []));
          const requestsDone = requests.every((op) => {
            const row = s.requests.get(idOf(op));
            if (!row || row.status === 'open') return false;
            if (row.status === 'overdue') return (s.byRequest.get(idOf(op)) ?? []).every((e) => terminal(e.history));
            return true;
          });
          return escalationsDone && requestsDone ? s : undefined;
        },
        {
          timeoutMs: SETTLE_MS,
          intervalMs: 1_000,
          description: 'every escalation and decision request to reach an end state',
        },
      ).catch(async (error: unknown) => {
        log(`settle: ${String(error)}`);
        return readState();
      });
      const settledAfterS = Math.round((Date.now() - loadEnded) / 1000);

      // Live delivery: every socket against the journal.
      const last = await settledJournal(pg.url, 60_000);
      const expected = await journalSeqs(pg.url, 'region', baseline);
      await fleetCaughtUp(fleet, last, 60_000);
      compact();
      const eventProblems = fleetProblems(fleet, expected);
      clearInterval(sampler);
      clearInterval(compactor);
      void sample();

      // Writes: every acknowledged write stored exactly once.
      const asWrites: Write[] = ops
        .filter((op) => op.kind === 'decision' || op.kind === 'escalation' || op.kind === 'sitrep')
        .map((op) => ({
          kind: op.kind as Write['kind'],
          key: op.key,
          attempts: op.attempts,
          ...(ok(op) && op.status !== undefined ? { status: op.status } : {}),
        }));
      const badWrites: Array<{ key: string; kind: SoakKind; rows: number }> = await storedOnce(pg.url, asWrites);
      const otherCounts = await withDb(pg.url, async (client) => {
        const q = await client.query<{ key: string; n: string }>(
          `SELECT question AS key, count(*) AS n FROM decision_request WHERE question = ANY($1) GROUP BY 1`,
          [requests.map((op) => op.key)],
        );
        const a = await client.query<{ key: string; n: string }>(
          `SELECT body->'record'->>'title' AS key, count(*) AS n FROM decision_log_entry WHERE body->'record'->>'title' = ANY($1) GROUP BY 1`,
          [[...answers.values()].filter(ok).map((op) => op.key)],
        );
        return new Map([...q.rows, ...a.rows].map((row) => [row.key, Number(row.n)]));
      });
      for (const op of [...requests, ...[...answers.values()].filter(ok)]) {
        const rows = otherCounts.get(op.key) ?? 0;
        if (rows !== 1) badWrites.push({ key: op.key, kind: op.kind, rows });
      }
      const lostWrites = badWrites.filter((w) => w.rows === 0);
      const duplicatedWrites = badWrites.filter((w) => w.rows > 1);
      const unanswered = ops.filter((op) => op.status === undefined);

      // Timers: each escalation's history against what it should be, step by step.
      const timerProblems: string[] = [];
      let stepsExpected = 0;
      let stepsFired = 0;
      let acknowledged = 0;
      for (const op of escalations) {
        const row = state.escalations.get(op.key);
        const outline = historyOutline(row?.history ?? []);
        const ack = acks.get(op);
        let want: string[][];
        if (ack && ok(ack)) {
          acknowledged++;
          const level = (ack.response as { level?: string } | undefined)?.level ?? 'cell';
          const upTo = LEVELS.indexOf(level as (typeof LEVELS)[number]);
          want = [[...LADDER.slice(0, upTo + 1), `acknowledged@${level} by ${LEAD}`]];
        } else if (ack && ack.status === undefined) want = [LADDER, [LADDER[0] ?? '', `acknowledged@cell by ${LEAD}`]];
        else want = [LADDER];
        const match = want.find((w) => JSON.stringify(w) === JSON.stringify(outline));
        const target = match ?? want[0] ?? [];
        stepsExpected += target.length;
        stepsFired += outline.length;
        if (!match)
          timerProblems.push(
            `escalation ${op.key}: ${JSON.stringify(outline)} expected ${JSON.stringify(target)}${ack ? ` (ack ${ack.status ?? 'no answer'})` : ''}`,
          );
      }
      let overdueRequests = 0;
      let decidedRequests = 0;
      for (const op of requests) {
        const id = idOf(op);
        const row = state.requests.get(id);
        const raised = state.byRequest.get(id) ?? [];
        const answer = answers.get(op);
        if (answer && ok(answer)) {
          decidedRequests++;
          if (row?.status !== 'decided')
            timerProblems.push(`request ${op.key} answered but ${row?.status ?? 'missing'}`);
          if (raised.length > 1) timerProblems.push(`request ${op.key}: ${raised.length} escalations`);
          stepsExpected += 1;
          stepsFired += row?.status === 'decided' ? 1 : 0;
        } else {
          overdueRequests++;
          const outline = historyOutline(raised[0]?.history ?? []);
          stepsExpected += 1 + REQUEST_LADDER.length;
          stepsFired += (row?.status === 'overdue' ? 1 : 0) + raised.reduce((sum, e) => sum + e.history.length, 0);
          if (row?.status !== 'overdue')
            timerProblems.push(`request ${op.key} unanswered but ${row?.status ?? 'missing'}`);
          if (raised.length !== 1)
            timerProblems.push(`request ${op.key}: ${raised.length} escalations, expected exactly 1`);
          else if (JSON.stringify(outline) !== JSON.stringify(REQUEST_LADDER))
            timerProblems.push(
              `request ${op.key} escalation: ${JSON.stringify(outline)} expected ${JSON.stringify(REQUEST_LADDER)}`,
            );
        }
      }

      // Report.
      const kinds: SoakKind[] = ['decision', 'escalation', 'ack', 'request', 'answer', 'sitrep'];
      const errors = errorsByKind(ops);
      const perSocket = fleet.map((m) => m.client.events.length);
      const reconnects = fleet.reduce((s, m) => s + m.reconnects, 0);
      // Judged on the samples taken under load (the settle period is idle and would flatter the figures).
      const verdicts = memoryVerdicts(
        samples.filter((s) => s.atS <= LOAD_MS / 1000),
        ROLES,
      );
      const report = [
        '',
        `===== SOAK SUMMARY (seed ${SEED}, ${MINUTES} min load, settled ${settledAfterS}s after) =====`,
        `faults injected (${faultLog.length}):`,
        ...faultLog.map((f) => `  ${f}`),
        ...(faultErrors.length ? ['fault injection errors:', ...faultErrors.map((f) => `  ${f}`)] : []),
        'requests by kind (logical requests, final answer):',
        ...kinds.map((k) => {
          const of = ops.filter((op) => op.kind === k);
          const finals: Record<string, number> = {};
          for (const op of of)
            finals[String(op.status ?? 'gave up')] = (finals[String(op.status ?? 'gave up')] ?? 0) + 1;
          return `  ${k.padEnd(10)} ${String(of.length).padStart(6)}  ${JSON.stringify(finals)}  attempts ${of.reduce((s, op) => s + op.attempts.length, 0)}`;
        }),
        `attempts by outcome: ${JSON.stringify(errors.counts)}`,
        ...(errors.serverErrors.length
          ? [
              `5xx other than 503 (${errors.serverErrors.length}):`,
              ...[...new Set(errors.serverErrors)].slice(0, 10).map((e) => `  ${e}`),
            ]
          : []),
        ...(errors.clientErrors.length
          ? [
              `4xx other (${errors.clientErrors.length}), first:`,
              ...[...new Set(errors.clientErrors)].slice(0, 10).map((e) => `  ${e}`),
            ]
          : []),
        `writes: ${badWrites.length === 0 ? 'every acknowledged write stored exactly once' : `${lostWrites.length} lost, ${duplicatedWrites.length} duplicated`}; ${unanswered.length} gave up without a final answer`,
        `events: ${expected.length} on region after seq ${baseline} × ${fleet.length} sockets = ${expected.length * fleet.length} expected; delivered ${perSocket.reduce((s, x) => s + x, 0)} (min ${Math.min(...perSocket)}, max ${Math.max(...perSocket)} per socket); ${reconnects} reconnects; sockets with problems ${eventProblems.length}`,
        ...eventProblems.slice(0, 10).map((p) => `  ${p}`),
        `timers: ${escalations.length} escalations (${acknowledged} acknowledged), ${requests.length} decision requests (${decidedRequests} answered, ${overdueRequests} left to go overdue); steps fired ${stepsFired} / expected ${stepsExpected}; problems ${timerProblems.length}`,
        ...timerProblems.slice(0, 10).map((p) => `  ${p}`),
        `memory (MiB: resident set from /proc/<pid>/status / heap after the last full collection from /metrics; load until t=${Math.round(LOAD_MS / 1000)}s, then settle):`,
        memoryTable(samples, [...ROLES, 'runner']),
        ...verdicts.map(
          (v) =>
            `  ${v.role} pid ${v.pid ?? '-'}: ${v.samples} heap-after-collection samples under load after warm-up, first third ${v.firstThird ?? '-'} MiB, last third ${v.lastThird ?? '-'} MiB, growth ${v.growthPct ?? '-'}% → ${v.flat ? 'flat' : 'GROWING'}`,
        ),
        '==========',
        '',
      ].join('\n');
      process.stdout.write(report);

      expect(faultErrors).toEqual([]);
      expect(lostWrites).toEqual([]);
      expect(duplicatedWrites).toEqual([]);
      expect(unanswered.map((op) => `${op.kind} ${op.key}`)).toEqual([]);
      expect(eventProblems).toEqual([]);
      expect(timerProblems).toEqual([]);
      expect(stepsFired).toBe(stepsExpected);
      expect(verdicts.filter((v) => !v.flat)).toEqual([]);
    },
    LOAD_MS + SETTLE_MS + 15 * 60_000,
  );
});
