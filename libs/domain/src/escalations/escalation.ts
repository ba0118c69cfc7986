import { Marking } from '@muster/contracts';
import { Recorder } from '../decisions/decision';

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** The ladder, lowest first. */
export const LEVELS = ['cell', 'regional', 'national'] as const;
export type Level = (typeof LEVELS)[number];

export type EscalationStatus = 'open' | 'acknowledged' | 'resolved' | 'withdrawn';

/** Every status, in the order a list offers them. */
export const ESCALATION_STATUSES = [
  'open',
  'acknowledged',
  'resolved',
  'withdrawn',
] as const satisfies readonly EscalationStatus[];

/** Statuses after which nothing more happens: no climb, no timer, no re-alert, no update. */
export const CLOSED_STATUSES: readonly EscalationStatus[] = ['resolved', 'withdrawn'];

/** Acknowledgement deadline per severity, in milliseconds. */
export type AckSla = Record<Severity, number>;

/** `system` for steps the ladder takes by itself. */
export type Actor = Recorder | 'system';

export type HistoryStep =
  | { step: 'raised'; at: string; actor: Actor; level: Level; ackDueAt: string }
  | { step: 'acknowledged'; at: string; actor: Actor; level: Level; note?: string }
  | { step: 'escalated'; at: string; actor: Actor; from: Level; level: Level; ackDueAt: string; reason: string }
  | { step: 'overdue'; at: string; actor: Actor; level: Level }
  | { step: 'resolved'; at: string; actor: Actor; level: Level; resolution: string }
  | { step: 'updated'; at: string; actor: Actor; level: Level; note: string; nextUpdateDue?: string }
  | { step: 'update-overdue'; at: string; actor: Actor; level: Level; nextUpdateDue: string }
  | { step: 'withdrawn'; at: string; actor: Actor; level: Level; reason: string };

export interface Escalation {
  id: string;
  /** The raising authority; absent only for escalations the system raises (an overdue request). */
  authority?: string;
  cell: string;
  title: string;
  detail: string;
  severity: Severity;
  ask?: string;
  marking: Marking;
  raisedBy: Actor;
  raisedAt: string;
  level: Level;
  status: EscalationStatus;
  /** When the current level must acknowledge by; null once acknowledged, resolved or overdue at the top. */
  ackDueAt: string | null;
  /** Set when the top of the ladder passed its deadline unacknowledged. */
  overdue: boolean;
  /** When the raiser needs an answer by (their deadline, beside the ladder's acknowledgement deadline). */
  neededBy?: string;
  /** When the latest update promised the next one; absent once an update promises none, or when closed. */
  nextUpdateDue?: string;
  /** The promised time already re-alerted for, so a missed update re-alerts once. */
  updateOverdueFor?: string;
  /** The decision request whose missed deadline raised this escalation. */
  decisionRequestId?: string;
  /** Optimistic concurrency: every change increments it; a stale writer gets a conflict. */
  version: number;
  history: HistoryStep[];
}

export const isClosed = (e: Pick<Escalation, 'status'>): boolean => CLOSED_STATUSES.includes(e.status);
