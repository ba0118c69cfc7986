import { Decided, unchanged } from '../shared/decided';
import { AckSla, Escalation, HeldBy, Level } from './escalation';
import { ackDueFrom, applyStep, nextLevel } from './escalation-change';

/** A deadline timer, set for one level, fired at `at`. */
export interface ClimbCommand {
  level: Level;
  at: Date;
  sla: AckSla;
  /** Who holds the level it would climb to, now (the handler reads the rota; none past the top). */
  heldBy?: HeldBy;
}

/** The one acknowledgement timer this escalation should have, if any. */
export function pendingTimer(e: Escalation): { level: Level; dueAt: string } | undefined {
  if (e.status !== 'open' || e.overdue || e.ackDueAt === null) return undefined;
  return { level: e.level, dueAt: e.ackDueAt };
}

/**
 * A deadline timer fired. Timers carry the level they were set for and may fire late, twice, or
 * after the world moved on, so anything but "still open, unacknowledged, at that level, and past
 * due" changes nothing: this is what makes the ladder climb at most once per level.
 */
export function climbOnDeadline(
  { level: timerLevel, at: now, sla, heldBy }: ClimbCommand,
  e: Escalation,
): Decided<Escalation> {
  const timer = pendingTimer(e);
  if (timer === undefined || timer.level !== timerLevel) return unchanged(e);
  if (now.getTime() < Date.parse(timer.dueAt)) return unchanged(e);
  const at = now.toISOString();
  const level = nextLevel(e.level);
  if (level === undefined) {
    return applyStep(
      e,
      { overdue: true, ackDueAt: null },
      { step: 'overdue', at, actor: 'system', level: e.level },
      'escalation.overdue',
    );
  }
  const ackDueAt = ackDueFrom(now, sla, e.severity);
  return applyStep(
    e,
    { level, ackDueAt, heldBy },
    {
      step: 'escalated',
      at,
      actor: 'system',
      from: e.level,
      level,
      ackDueAt,
      reason: `not acknowledged by ${timer.dueAt}`,
      ...(heldBy && { heldBy }),
    },
    'escalation.escalated',
  );
}
