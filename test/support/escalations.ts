import type { HttpClient, HttpResponse } from './http';
import type { LiveEvent } from './live';
import { waitFor } from './wait-for';
import { BIRMINGHAM } from '@muster/builders';

/** What clients see of escalations and decision requests (docs/contract.md), as the e2e tests read them. */

export type Level = 'cell' | 'regional' | 'national';
export type Severity = 'critical' | 'high' | 'medium' | 'low';
export type Actor = 'system' | { sub: string; name: string };

/** Who holds a level, from the rota: a person's sub, or `contact:<scope>` for the scope's fallback contact point. */
export interface HeldBy {
  key: string;
  name: string;
}

export interface HistoryStep {
  step: 'raised' | 'acknowledged' | 'escalated' | 'overdue' | 'resolved' | 'handed-over';
  at: string;
  actor: Actor;
  level: Level;
  /** The level left (`escalated`), or the holder who handed over (`handed-over`). */
  from?: Level | HeldBy;
  heldBy?: HeldBy;
  ackDueAt?: string;
  reason?: string;
  note?: string;
  resolution?: string;
}

export interface EscalationBody {
  id: string;
  authority?: string;
  cell: string;
  title: string;
  detail: string;
  severity: Severity;
  ask?: string;
  marking: string;
  raisedBy: Actor;
  raisedAt: string;
  level: Level;
  heldBy?: HeldBy;
  status: 'open' | 'acknowledged' | 'resolved';
  ackDueAt: string | null;
  overdue: boolean;
  decisionRequestId?: string;
  version: number;
  history: HistoryStep[];
}

export interface DecisionRequestBody {
  id: string;
  cell: string;
  question: string;
  context?: string;
  options?: string[];
  dueAt: string;
  marking: string;
  authority?: string;
  status: 'open' | 'decided' | 'overdue';
  requestedBy: { sub: string; name: string };
  requestedAt: string;
  decisionId?: string;
  decidedAt?: string;
  escalationId?: string;
  overdueAt?: string;
  version: number;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: Array<{ path: string; message: string }>;
}

/** A body for `POST /api/v1/escalations`. */
export function escalationInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    authority: BIRMINGHAM,
    cell: 'ppe',
    title: 'Care homes out of FFP3 masks by Friday',
    detail: 'Three care homes report under two days of stock; the council reserve is empty.',
    severity: 'critical',
    ask: 'Release masks from the regional reserve',
    marking: 'OFFICIAL',
    ...overrides,
  };
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The response's status and body, for one `toEqual` that shows both when it fails. */
export function statusOf(response: HttpResponse): { status: number; code?: string } {
  const body = response.body as Partial<ProblemBody> | undefined;
  return typeof body === 'object' && body !== null && typeof body.code === 'string'
    ? { status: response.status, code: body.code }
    : { status: response.status };
}

/** Expects a 2xx with the given status and returns the body as T. */
export function expectStatus<T>(response: HttpResponse, status: number): T {
  if (response.status !== status) {
    throw new Error(`expected HTTP ${status}, got ${response.status}: ${response.text.slice(0, 2_000)}`);
  }
  return response.body as T;
}

/**
 * A compact, readable form of a history for exact comparisons: `raised@cell by system`,
 * `escalated cell→regional by system`, `acknowledged@regional by <sub>`, …
 */
export function historyOutline(history: readonly HistoryStep[]): string[] {
  return history.map((step) => {
    const who = step.actor === 'system' ? 'system' : step.actor.sub;
    return step.step === 'escalated'
      ? `escalated ${typeof step.from === 'string' ? step.from : '?'}→${step.level} by ${who}`
      : `${step.step}@${step.level} by ${who}`;
  });
}

/** Reads the escalation until `done` says so; `description` is for the timeout message. */
export async function waitForEscalation(
  client: HttpClient,
  id: string,
  done: (escalation: EscalationBody) => boolean,
  description: string,
  timeoutMs = 15_000,
): Promise<EscalationBody> {
  let last: EscalationBody | undefined;
  try {
    return await waitFor(
      async () => {
        const response = await client.get(`/api/v1/escalations/${id}`);
        if (response.status !== 200) throw new Error(`GET escalation ${id}: ${response.status} ${response.text}`);
        last = response.body as EscalationBody;
        return done(last) ? last : undefined;
      },
      { timeoutMs, intervalMs: 100, description: `escalation ${id} ${description}` },
    );
  } catch (error) {
    const seen = last ? ` (last seen: ${JSON.stringify(historyOutline(last.history))}, version ${last.version})` : '';
    throw new Error(`${error instanceof Error ? error.message : String(error)}${seen}`, { cause: error });
  }
}

/** The live events about one escalation or request (`data.id`). */
export function eventsAbout(events: readonly LiveEvent[], id: string): LiveEvent[] {
  return events.filter((event) => (event.data as { id?: unknown } | null)?.id === id);
}

/** Each event once, in strictly increasing `seq`. */
export function isStrictlyIncreasing(values: readonly number[]): boolean {
  return values.every((value, i) => i === 0 || value > (values[i - 1] ?? Number.POSITIVE_INFINITY));
}

/**
 * The Redis key of a timer's BullMQ job (architecture.md: queues `escalation-timers` and
 * `decision-deadlines` under the prefix `{<REDIS_PREFIX>:jobs}`, job ids derived from the domain).
 */
export function timerJobKey(
  redisPrefix: string,
  timer: { escalationId: string; level: Level } | { requestId: string },
): string {
  const prefix = `{${redisPrefix}:jobs}`;
  return 'escalationId' in timer
    ? `${prefix}:escalation-timers:escalation-${timer.escalationId}-${timer.level}`
    : `${prefix}:decision-deadlines:decision-due-${timer.requestId}`;
}

/** The short acknowledgement deadlines every escalation test runs with, and the same as ESCALATION_ACK_SLA. */
export const SLA_MS = { critical: 2_000, high: 3_000, medium: 4_000, low: 5_000 } as const;
export const ACK_SLA = Object.entries(SLA_MS)
  .map(([severity, ms]) => `${severity}=${ms}ms`)
  .join(',');
