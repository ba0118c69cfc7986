import type { Level } from '@muster/domain';

/** Where an unresolved escalation stands: waiting at its level, acknowledged there, or overdue at the top. */
export const UNRESOLVED_STATES = ['open', 'acknowledged', 'overdue'] as const;
export type UnresolvedState = (typeof UNRESOLVED_STATES)[number];

export interface EscalationTally {
  level: Level;
  state: UnresolvedState;
  count: number;
}

/** What operators watch, read from the store when metrics are scraped: each read bounded and cheap. */
export abstract class OperationsReadings {
  /** The store answers. */
  abstract ping(): Promise<void>;
  /** Unresolved escalations by level and state (resolved ones are history and grow without bound). */
  abstract unresolvedEscalations(): Promise<EscalationTally[]>;
  /** Seconds the oldest committed journal event the relay has not yet published has waited; 0 when it has caught up. */
  abstract relayLagSeconds(): Promise<number>;
}
