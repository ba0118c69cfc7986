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
