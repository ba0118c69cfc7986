import { Escalation, EscalationStatus, isClosed, Level } from '../escalations/escalation';
import { addDays } from './calendar';
import { DailyFeedCellInput, FeedEscalation } from './daily-feed';
import { localInstant } from './local-time';

/** A reporting day as instants: [start, end), local midnight to local midnight (23 or 25 hours on a change). */
export interface DayWindow {
  start: Date;
  end: Date;
}

export function reportingDayWindow(date: string, timeZone: string): DayWindow {
  return { start: localInstant(date, 0, 0, timeZone), end: localInstant(addDays(date, 1), 0, 0, timeZone) };
}

const within = (at: string, window: DayWindow) => {
  const ms = Date.parse(at);
  return ms >= window.start.getTime() && ms < window.end.getTime();
};

/**
 * The escalation as it stood at `end`, replayed from its history, so a feed regenerated later still
 * shows the day as it ended; undefined if it was raised at or after `end`.
 */
export function escalationAsOf(e: Escalation, end: Date): FeedEscalation | undefined {
  if (Date.parse(e.raisedAt) >= end.getTime()) return undefined;
  let level: Level = e.history[0]?.level ?? e.level;
  let status: EscalationStatus = 'open';
  let overdue = false;
  for (const step of e.history) {
    if (Date.parse(step.at) >= end.getTime()) break;
    level = step.level;
    if (step.step === 'acknowledged') status = 'acknowledged';
    else if (step.step === 'escalated') [status, overdue] = ['open', false];
    else if (step.step === 'overdue') overdue = true;
    else if (step.step === 'resolved') status = 'resolved';
    else if (step.step === 'withdrawn') status = 'withdrawn';
  }
  return {
    id: e.id,
    title: e.title,
    level,
    status,
    overdue,
    raisedAt: e.raisedAt,
    marking: e.marking,
    ...(e.authority !== undefined && { authority: e.authority }),
  };
}

/** Whether the ladder acted by itself within the window: climbed a level, or marked it overdue at the top. */
export function breachedWithin(e: Escalation, window: DayWindow): boolean {
  return e.history.some(
    (step) =>
      within(step.at, window) && (step.step === 'overdue' || (step.step === 'escalated' && step.actor === 'system')),
  );
}

/**
 * Sorts the day's candidate escalations (raised that day, held open by the board at its end, or acted on
 * by the ladder that day) into each cell's lists. Each one's own history decides where it goes, so a
 * candidate the board still showed open but that was resolved by then is not counted open.
 * An escalation still overdue at the end of the day counts as breached that day too.
 */
export function dayEscalations(
  candidates: readonly Escalation[],
  window: DayWindow,
): Map<string, DailyFeedCellInput['escalations']> {
  const byCell = new Map<string, { opened: FeedEscalation[]; open: FeedEscalation[]; breached: FeedEscalation[] }>();
  for (const e of candidates) {
    const state = escalationAsOf(e, window.end);
    if (state === undefined) continue;
    const lists = byCell.get(e.cell) ?? { opened: [], open: [], breached: [] };
    const openNow = !isClosed(state);
    if (within(e.raisedAt, window)) lists.opened.push(state);
    if (openNow) lists.open.push(state);
    if (breachedWithin(e, window) || (openNow && state.overdue)) lists.breached.push(state);
    byCell.set(e.cell, lists);
  }
  return byCell;
}
