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
  'action.created',
  'action.updated',
  'action.overdue',
  'escalation.updated',
  'escalation.withdrawn',
  'escalation.update-overdue',
  'cell.returned-to-standby',
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
  status: 'open' | 'acknowledged' | 'resolved' | 'withdrawn';
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
  /** When the raiser needs an answer by, when they said. */
  neededBy?: string;
  /**
   * On `escalation.updated`: when the next update is promised (absent: none promised). On
   * `escalation.update-overdue`: the promised time that passed with no update.
   */
  nextUpdateDue?: string;
  /** On `escalation.update-overdue`: the escalation's id again, under the name notifications key on. */
  escalationId?: string;
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

/** Data of every `action.*` event: the tracked action as it now stands, and the change just made. */
export interface ActionEventData {
  actionId: string;
  cell: string;
  /** The decision whose actions it is one of, and that decision's place in the cell's log. */
  decisionId: string;
  decisionSequence: number;
  action: string;
  /** A person's `sub`, or the name of someone outside Muster. */
  owner: string;
  /** When it is due; null when the decision gave no time. */
  due: string | null;
  status: 'open' | 'done' | 'dropped' | 'overdue';
  /** The name of who made the change, or `system` (an amendment's tracking, the due time passing). */
  actor: string;
  note?: string;
  /** The amendment that added, changed or dropped it. */
  amendmentId?: string;
  /** On `action.updated` by an amendment: what it did to the action. */
  change?: 'changed' | 'dropped';
}
