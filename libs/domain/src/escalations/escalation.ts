import { Marking } from '@muster/contracts';
import { Recorder } from '../decisions/decision';

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** The ladder, lowest first. */
export const LEVELS = ['cell', 'regional', 'national'] as const;
export type Level = (typeof LEVELS)[number];

export type EscalationStatus = 'open' | 'acknowledged' | 'resolved';

/** Acknowledgement deadline per severity, in milliseconds. */
export type AckSla = Record<Severity, number>;

/** `system` for steps the ladder takes by itself. */
export type Actor = Recorder | 'system';

/**
 * Who holds a level, as the rota said when the escalation reached it: a person's `sub` and name, or
 * `contact:<scope>` and the name of the scope's fallback contact point.
 */
export interface HeldBy {
  key: string;
  name: string;
}

export type HistoryStep =
  | { step: 'raised'; at: string; actor: Actor; level: Level; ackDueAt: string; heldBy?: HeldBy }
  | { step: 'acknowledged'; at: string; actor: Actor; level: Level; note?: string }
  | {
      step: 'escalated';
      at: string;
      actor: Actor;
      from: Level;
      level: Level;
      ackDueAt: string;
      reason: string;
      heldBy?: HeldBy;
    }
  /** The holder of the level handed their shift over: the escalation is now theirs who took it. */
  | { step: 'handed-over'; at: string; actor: Actor; level: Level; from: HeldBy; heldBy: HeldBy }
  | { step: 'overdue'; at: string; actor: Actor; level: Level }
  | { step: 'resolved'; at: string; actor: Actor; level: Level; resolution: string };

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
  /** Who holds the current level (absent on escalations raised before rotas were kept). */
  heldBy?: HeldBy;
  status: EscalationStatus;
  /** When the current level must acknowledge by; null once acknowledged, resolved or overdue at the top. */
  ackDueAt: string | null;
  /** Set when the top of the ladder passed its deadline unacknowledged. */
  overdue: boolean;
  /** The decision request whose missed deadline raised this escalation. */
  decisionRequestId?: string;
  /** Optimistic concurrency: every change increments it; a stale writer gets a conflict. */
  version: number;
  history: HistoryStep[];
}

/** The rota scope that holds a level of this escalation: its cell's own for `cell`, else the level itself. */
export function scopeOfLevel(e: Pick<Escalation, 'cell'>, level: Level): string {
  return level === 'cell' ? e.cell : level;
}
