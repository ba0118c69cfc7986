import { readFileSync } from 'node:fs';
import type { Attempt } from '@muster/testing';

/**
 * Helpers for the soak (test/soak): a seeded random source, one logical request retried with its
 * Idempotency-Key across the apis (as the fault tests' `runStream` does, for any route and token), the
 * tallies printed at the end, and RSS sampling from /proc.
 */

/** mulberry32: small, fast, and the same sequence for the same seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export const between = (random: () => number, min: number, max: number): number =>
  min + Math.floor(random() * (max - min + 1));

export function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

export function shuffled<T>(random: () => number, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const a = out[i] as T;
    out[i] = out[j] as T;
    out[j] = a;
  }
  return out;
}

export type SoakKind = 'decision' | 'escalation' | 'sitrep' | 'request' | 'ack' | 'answer';

/** One logical request of the soak, retried (same Idempotency-Key, next api) until it got a final answer. */
export interface SoakOp {
  kind: SoakKind;
  /** Idempotency-Key, and the unique title/question/narrative that finds its row. */
  key: string;
  method: 'POST' | 'PUT';
  path: string;
  body: unknown;
  attempts: Attempt[];
  /** The final status (2xx, or a 4xx that is not retried); undefined when the retry bound ran out. */
  status?: number;
  response?: unknown;
  /** For acks and answers: the op (escalation or request) it acts on. */
  target?: SoakOp;
}

export interface SendOptions {
  apis: () => readonly string[];
  token: string;
  attemptTimeoutMs: number;
  retryForMs: number;
  /** Round-robin start. */
  turn: number;
}

const retryable = (outcome: Attempt['outcome']): boolean =>
  outcome === 'connection' || outcome === 'timeout' || outcome === 503 || outcome === 429 || outcome === 502;

export async function send(op: SoakOp, opts: SendOptions): Promise<SoakOp> {
  const giveUpAt = Date.now() + opts.retryForMs;
  for (let turn = opts.turn; ; turn++) {
    const apis = opts.apis();
    const url = apis[turn % apis.length] ?? '';
    const started = Date.now();
    let attempt: Attempt;
    let body: unknown;
    try {
      const response = await fetch(`${url}${op.path}`, {
        method: op.method,
        headers: {
          authorization: `Bearer ${opts.token}`,
          'content-type': 'application/json',
          accept: 'application/json',
          'idempotency-key': op.key,
        },
        body: JSON.stringify(op.body),
        signal: AbortSignal.timeout(opts.attemptTimeoutMs),
      });
      const text = await response.text();
      try {
        body = JSON.parse(text) as unknown;
      } catch {
        body = text;
      }
      attempt = { api: url, outcome: response.status, ms: Date.now() - started };
      if (response.status >= 400) attempt.detail = `${op.method} ${op.path}: ${text.slice(0, 200)}`;
    } catch (error) {
      const name = error instanceof Error ? error.name : '';
      attempt = {
        api: url,
        outcome: name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'connection',
        ms: Date.now() - started,
      };
    }
    op.attempts.push(attempt);
    const outcome = attempt.outcome;
    if (typeof outcome === 'number' && !retryable(outcome)) {
      op.status = outcome;
      op.response = body;
      return op;
    }
    if (Date.now() > giveUpAt) return op;
    await new Promise((resolve) => setTimeout(resolve, outcome === 429 ? 1_000 : 150));
  }
}

export const ok = (op: SoakOp): boolean => op.status !== undefined && op.status >= 200 && op.status < 300;

/** Attempts by outcome class: connection refused/reset, timeout, 503, other 5xx, 429, other 4xx, 2xx. */
export function errorsByKind(ops: readonly SoakOp[]): {
  counts: Record<string, number>;
  serverErrors: string[];
  clientErrors: string[];
} {
  const counts: Record<string, number> = {
    '2xx': 0,
    connection: 0,
    timeout: 0,
    '503': 0,
    '5xx other': 0,
    '429': 0,
    '4xx other': 0,
  };
  const serverErrors: string[] = [];
  const clientErrors: string[] = [];
  const bump = (k: string): void => {
    counts[k] = (counts[k] ?? 0) + 1;
  };
  for (const op of ops) {
    for (const a of op.attempts) {
      const o = a.outcome;
      if (o === 'connection' || o === 'timeout') bump(o);
      else if (o === 503) bump('503');
      else if (o >= 500) {
        bump('5xx other');
        serverErrors.push(`${o} ${a.detail ?? ''}`);
      } else if (o === 429) bump('429');
      else if (o >= 400) {
        bump('4xx other');
        clientErrors.push(`${op.kind} ${o} ${a.detail ?? ''}`);
      } else bump('2xx');
    }
  }
  return { counts, serverErrors, clientErrors };
}

/** Resident set size of a pid in MiB (VmRSS from /proc/<pid>/status), or undefined if it is gone. */
export function rssMiB(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return match ? Math.round(Number(match[1]) / 102.4) / 10 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A process's `<prefix>heap_after_gc_bytes` from its /metrics (MiB), or undefined while it is down or before
 * its first full collection.
 */
export async function heapAfterGcMiB(metricsUrl: string | undefined): Promise<number | undefined> {
  if (metricsUrl === undefined) return undefined;
  try {
    const response = await fetch(metricsUrl, { signal: AbortSignal.timeout(2_000) });
    const text = await response.text();
    const match = /^muster_\w+_heap_after_gc_bytes (\d+(?:\.\d+)?)$/m.exec(text);
    const bytes = match ? Number(match[1]) : 0;
    return bytes > 0 ? Math.round(bytes / 104_857.6) / 10 : undefined;
  } catch {
    return undefined;
  }
}

export interface MemorySample {
  atS: number;
  /** Per role: the incarnation sampled, its resident set and its heap after the last full collection (MiB). */
  values: Record<string, { pid: number | undefined; mib: number | undefined; heapMiB?: number | undefined }>;
}

export interface MemoryVerdict {
  role: string;
  pid: number | undefined;
  samples: number;
  firstThird?: number;
  lastThird?: number;
  growthPct?: number;
  flat: boolean;
}

const avg = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;

/**
 * Per role, the incarnation (pid) with the most samples; its first `warmup` fraction dropped; the last
 * third's average against the first third's. Flat when the growth is at most `maxGrowth` (0.25 = +25%).
 * Judged on the heap after full collections: resident memory saw-tooths with the collector and the
 * allocator, which a leak check must not mistake for growth.
 * Fewer than 3 samples after warm-up: not judged (flat, no figures).
 */
export function memoryVerdicts(
  samples: readonly MemorySample[],
  roles: readonly string[],
  warmup = 0.25,
  maxGrowth = 0.25,
): MemoryVerdict[] {
  return roles.map((role) => {
    const byPid = new Map<number, number[]>();
    for (const s of samples) {
      const v = s.values[role];
      if (v?.pid !== undefined && v.heapMiB !== undefined) byPid.set(v.pid, [...(byPid.get(v.pid) ?? []), v.heapMiB]);
    }
    let best: [number, number[]] | undefined;
    for (const entry of byPid) if (!best || entry[1].length > best[1].length) best = entry;
    if (!best) return { role, pid: undefined, samples: 0, flat: true };
    const series = best[1].slice(Math.ceil(best[1].length * warmup));
    if (series.length < 3) return { role, pid: best[0], samples: series.length, flat: true };
    const third = Math.max(1, Math.floor(series.length / 3));
    const firstThird = avg(series.slice(0, third));
    const lastThird = avg(series.slice(-third));
    const growth = lastThird / firstThird - 1;
    return {
      role,
      pid: best[0],
      samples: series.length,
      firstThird: Math.round(firstThird * 10) / 10,
      lastThird: Math.round(lastThird * 10) / 10,
      growthPct: Math.round(growth * 1000) / 10,
      flat: growth <= maxGrowth,
    };
  });
}

export function memoryTable(samples: readonly MemorySample[], roles: readonly string[]): string {
  const header = ['t(s)', ...roles.map((r) => `${r} rss/heap`)];
  const rows: string[][] = [];
  const lastPid: Record<string, number | undefined> = {};
  for (const s of samples) {
    rows.push([
      String(s.atS),
      ...roles.map((role) => {
        const v = s.values[role];
        const restarted = v?.pid !== undefined && lastPid[role] !== undefined && lastPid[role] !== v.pid;
        lastPid[role] = v?.pid ?? lastPid[role];
        if (v?.mib === undefined) return '-';
        return `${v.mib.toFixed(1)}/${v.heapMiB?.toFixed(1) ?? '-'}${restarted ? '*' : ''}`;
      }),
    ]);
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => c.padStart(widths[i] ?? 0)).join('  ');
  return [line(header), ...rows.map(line), '(* = first sample of a restarted process)'].join('\n');
}
