import { Readable } from 'node:stream';
import fc from 'fast-check';
import type { Client } from 'pg';
import type { ApiDescription } from './openapi';

/**
 * What the generated bad-input tests share (test/security/bad-input*.e2e-spec.ts): bounded requests, the
 * checks every refusal must pass, and row counts read straight from PostgreSQL to prove nothing was written.
 */

/** JSON as it travels: what fast-check builds bodies from. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: Array<{ path: string; message: string }>;
}

export interface Reply {
  status: number;
  contentType: string;
  text: string;
  body: unknown;
}

export interface SendOptions {
  /** A string is sent as it is; anything else as JSON. */
  body?: Json | string | Readable;
  headers?: Record<string, string>;
  /** The bearer token; undefined for the target's, null for none. */
  token?: string | null;
  timeoutMs?: number;
}

/** Where requests go and whose token they carry unless told otherwise; set once the api has started. */
export interface ProbeTarget {
  url: string;
  token: string;
  /** The api's OpenAPI document: once set, every answer to a documented route must be what it says. */
  description?: ApiDescription;
}

export const REQUEST_BOUND_MS = 5_000;

/** One request, never longer than the bound: a hang rejects with a message saying so. */
export async function sendTo(
  target: ProbeTarget,
  method: string,
  path: string,
  opts: SendOptions = {},
): Promise<Reply> {
  const timeoutMs = opts.timeoutMs ?? REQUEST_BOUND_MS;
  const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
  const token = opts.token === undefined ? target.token : opts.token;
  if (token !== null) headers['authorization'] = `Bearer ${token}`;
  const init: RequestInit & { duplex?: 'half' } = { method, headers, signal: AbortSignal.timeout(timeoutMs) };
  if (opts.body !== undefined) {
    if (opts.body instanceof Readable) {
      init.body = Readable.toWeb(opts.body) as ReadableStream<Uint8Array>;
      init.duplex = 'half';
    } else {
      init.body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
    }
    if (!Object.keys(headers).some((k) => k.toLowerCase() === 'content-type'))
      headers['content-type'] = 'application/json';
  }
  let response: Response;
  let text: string;
  try {
    response = await fetch(`${target.url}${path}`, init);
    text = await response.text();
  } catch (error) {
    const name = (error as { name?: unknown }).name;
    if (name === 'TimeoutError') throw new Error(`${method} ${path}: no answer within ${timeoutMs} ms (a hang)`);
    throw new Error(`${method} ${path}: the request failed: ${String(error)}`, { cause: error });
  }
  const contentType = response.headers.get('content-type') ?? '';
  let body: unknown = text;
  if (/[/+]json\b/.test(contentType) && text.length > 0) {
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      body = text;
    }
  }
  const reply = { status: response.status, contentType, text, body };
  expectDescribed(target, method, path, reply);
  return reply;
}

/** An answer to a route the api documents is what its OpenAPI document says: status, media type, JSON body. */
function expectDescribed(target: ProbeTarget, method: string, path: string, reply: Reply): void {
  const description = target.description;
  if (description === undefined || description.reached(method, path) === undefined) return;
  const mismatches = description.mismatches(method, path, reply);
  if (mismatches.length > 0)
    throw new Error(
      `${method} ${path.slice(0, 300)}\n  → the answer is not what the OpenAPI document says:\n    ${mismatches.join('\n    ')}`,
    );
}

export function describeRequest(method: string, path: string, body: unknown): string {
  const shown = typeof body === 'string' ? body : JSON.stringify(body);
  return `${method} ${path.slice(0, 300)} ${shown === undefined ? '' : shown.slice(0, 300)}`;
}

/** A refusal: 4xx problem+json with every member the contract names. Returns the problem. */
export function expectProblem(reply: Reply, what: string): Problem {
  const fail = (why: string): never => {
    throw new Error(`${what}\n  → ${why}\n  got ${reply.status} ${reply.contentType}: ${reply.text.slice(0, 600)}`);
  };
  if (reply.status >= 500) fail('a 5xx: bad input must never be a server error');
  if (reply.status < 400) fail('accepted: bad input must be refused');
  if (!/^application\/problem\+json/.test(reply.contentType)) fail('not application/problem+json');
  const body = reply.body as Partial<Problem> | null;
  if (typeof body !== 'object' || body === null) return fail('no problem body');
  for (const key of ['type', 'title', 'detail', 'code'] as const) {
    if (typeof body[key] !== 'string' || body[key] === '') fail(`problem has no ${key}`);
  }
  if (body.status !== reply.status) fail(`problem status ${String(body.status)} differs from the HTTP status`);
  return body as Problem;
}

/** A 400 naming each field: every expected path is named (exactly, or as the parent of a nested path). */
export function expectNamed(problem: Problem, paths: readonly string[], what: string): void {
  const named = (problem.errors ?? []).map((e) => e.path);
  for (const path of paths) {
    const found = named.some((n) => n === path || n.startsWith(`${path}.`));
    if (!found)
      throw new Error(
        `${what}\n  → the 400 does not name "${path}"; it names [${named.join(', ')}]: ${JSON.stringify(problem).slice(0, 600)}`,
      );
  }
}

export function expectBadRequestNaming(reply: Reply, paths: readonly string[], what: string): Problem {
  const problem = expectProblem(reply, what);
  if (reply.status !== 400)
    throw new Error(`${what}\n  → expected 400, got ${reply.status}: ${reply.text.slice(0, 600)}`);
  if (problem.code !== 'validation-failed')
    throw new Error(`${what}\n  → expected code validation-failed, got ${problem.code}`);
  expectNamed(problem, paths, what);
  return problem;
}

// ---------------------------------------------------------------------------------------------------------
// Nothing written: row counts straight from the database
// ---------------------------------------------------------------------------------------------------------

export const COUNTED = [
  'journal',
  'decision_log_entry',
  'escalation',
  'decision_request',
  'sitrep',
  'daily_feed',
  'cell',
  'idempotency_record',
  'feed_token',
] as const;
export type Counts = Record<(typeof COUNTED)[number], number>;

export async function countRows(pg: Client): Promise<Counts> {
  const sql = `SELECT ${COUNTED.map((t) => `(SELECT count(*) FROM ${t})::int AS ${t}`).join(', ')}`;
  const result = await pg.query<Counts>(sql);
  const row = result.rows[0];
  if (row === undefined) throw new Error('no counts');
  return row;
}

export function expectSameCounts(before: Counts, after: Counts, what: string): void {
  const changed = COUNTED.filter((t) => before[t] !== after[t]).map((t) => `${t} ${before[t]} → ${after[t]}`);
  if (changed.length > 0) throw new Error(`${what}\n  → a refused request wrote: ${changed.join(', ')}`);
}

/** Sends, and checks that the request changed no row count whatever its answer. */
export async function sendUnchangedTo(
  pg: Client,
  target: ProbeTarget,
  method: string,
  path: string,
  opts: SendOptions = {},
): Promise<Reply> {
  const before = await countRows(pg);
  const reply = await sendTo(target, method, path, opts);
  const body = opts.body instanceof Readable ? '<stream>' : opts.body;
  expectSameCounts(before, await countRows(pg), describeRequest(method, path, body));
  return reply;
}

/** A fixed seed (printed by fast-check on failure) and a moderate run count, both overridable from the shell. */
export const FUZZ_SEED = Number(process.env['MUSTER_FUZZ_SEED'] ?? 20_261_122);
export const FUZZ_RUNS = Number(process.env['MUSTER_FUZZ_RUNS'] ?? 40);

export function fuzzSettings(runs = FUZZ_RUNS): fc.Parameters<unknown> {
  return { seed: FUZZ_SEED, numRuns: runs, endOnFailure: true };
}

export function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** True for a real calendar day of years 1 to 9999 written YYYY-MM-DD. */
export function isCalendarDay(date: string): boolean {
  if (!/^\d{4}-\d\d-\d\d$/.test(date)) return false;
  const [y, m, d] = date.split('-').map(Number);
  if (y === undefined || m === undefined || d === undefined) return false;
  const at = new Date(0);
  at.setUTCFullYear(y, m - 1, d);
  return at.getUTCFullYear() === y && at.getUTCMonth() === m - 1 && at.getUTCDate() === d && y >= 1;
}

const DAY_MS = 86_400_000;

/** A UTC midnight as days since 1970-01-01, for any year (Date.UTC would read years 0 to 99 as 1900 to 1999). */
function dayNumber(year: number, month: number, day: number): number {
  const at = new Date(0);
  at.setUTCFullYear(year, month - 1, day);
  return at.getTime() / DAY_MS;
}

/**
 * True for an ISO week written YYYY-Www that exists (week 53 only in years that have one) and whose seven days
 * all lie within years 1 to 9999. Worked out here apart from the api's own calendar, as the tests' oracle.
 */
export function isBoundedIsoWeek(text: string): boolean {
  const match = /^(\d{4})-W(\d{2})$/.exec(text);
  if (match === null) return false;
  const year = Number(match[1]);
  const week = Number(match[2]);
  // ISO week 1 holds 4 January; its Monday is 4 January less its weekday (Monday 1 … Sunday 7).
  const weekOneMonday = (y: number): number => {
    const jan4 = dayNumber(y, 1, 4);
    return jan4 - ((((jan4 + 3) % 7) + 7) % 7);
  };
  const weeks = (weekOneMonday(year + 1) - weekOneMonday(year)) / 7;
  const monday = weekOneMonday(year) + (week - 1) * 7;
  return (
    year >= 1 && week >= 1 && week <= weeks && monday >= dayNumber(1, 1, 1) && monday + 6 <= dayNumber(9999, 12, 31)
  );
}
