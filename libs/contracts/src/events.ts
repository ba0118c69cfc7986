import { Marking } from './marking';

/** Every live event type a client may receive. Names are part of the public contract: never rename. */
export const EVENT_TYPES = [
  'decision.logged',
  'decision.amended',
  'decision-request.opened',
  'decision-request.decided',
  'decision-request.overdue',
  'escalation.raised',
  'escalation.acknowledged',
  'escalation.escalated',
  'escalation.resolved',
  'sitrep.submitted',
  'cell.activated',
  'cell.stood-down',
  'feed.published',
  'escalation.overdue',
  'retention.changed',
  'escalation.handed-over',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** The `event` message on the `/live` namespace. */
export interface LiveEvent<TData = Record<string, unknown>> {
  seq: number;
  type: EventType;
  at: string;
  cell?: string;
  authority?: string;
  marking: Marking;
  data: TData;
}

export interface DecisionLoggedData {
  id: string;
  sequence: number;
  title: string;
  decidedBy: string;
  decidedAt: string;
  recordedAt: string;
  hash: string;
  authorities: string[];
}

/** A retention setting changed (a legal hold set or lifted, a period changed): evidence of who did it and why. */
export interface RetentionChangedData {
  recordType: string;
  retainDays: number | null;
  legalHold: boolean;
  reason: string | null;
  updatedBy: { sub: string; name: string } | 'system';
  updatedAt: string;
}

export interface DecisionAmendedData {
  id: string;
  amends: string;
  sequence: number;
  reason: string;
  changed: string[];
  recordedAt: string;
  hash: string;
  authorities: string[];
}

/** Data of every `escalation.*` event: the escalation as it now stands, and the step just taken. */
export interface EscalationEventData {
  id: string;
  title: string;
  severity: 'critical' | 'high' | 'medium' | 'low';
  level: 'cell' | 'regional' | 'national';
  status: 'open' | 'acknowledged' | 'resolved';
  overdue: boolean;
  ackDueAt: string | null;
  /** The name of who took the step, or `system` for the ladder's own steps. */
  actor: string;
  decisionRequestId?: string;
  /** The level left, on `escalation.escalated`. */
  from?: 'cell' | 'regional' | 'national';
  note?: string;
  reason?: string;
  resolution?: string;
  /** Who holds the current level: a person's `sub` and name, or `contact:<scope>` for its fallback contact point. */
  heldBy?: { key: string; name: string };
  /** The holder who handed over, on `escalation.handed-over`. */
  handedOverBy?: { key: string; name: string };
}

/** Data of every `decision-request.*` event. */
export interface DecisionRequestEventData {
  id: string;
  question: string;
  dueAt: string;
  status: 'open' | 'decided' | 'overdue';
  authority?: string;
  /** On `decision-request.decided`: the decision log entry that answered it. */
  decisionId?: string;
  decidedAt?: string;
  /** On `decision-request.overdue`: the regional escalation it raised. */
  escalationId?: string;
}

/**
 * Data of `feed.published`: a daily feed stored as a new version, or the week's briefing ready (its
 * daily feeds exist). Only identifiers and times: readers fetch the content over HTTP, filtered for them.
 */
export type FeedPublishedData =
  | { kind: 'daily'; date: string; version: number; generatedAt: string }
  | { kind: 'weekly'; week: string; days: string[]; generatedAt: string };
