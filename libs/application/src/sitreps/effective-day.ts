import { addDays, Cell, effectiveFigures, EffectiveFigures, ReportedFigures } from '@muster/domain';

/**
 * How far back a figure may be carried forward. Bounding it keeps every read of a day's picture the same
 * cost whatever the length of history; a figure unreported for longer than this is stale, not current.
 */
export const CARRY_FORWARD_DAYS = 30;

export function carryWindowStart(date: string): string {
  return addDays(date, -CARRY_FORWARD_DAYS);
}

/** Each authority's effective figures for one day, from the latest versions within the carry window. */
export function effectiveByAuthority(
  cell: Cell,
  window: readonly ReportedFigures[],
  date: string,
): Map<string, EffectiveFigures> {
  const byAuthority = new Map<string, ReportedFigures[]>();
  for (const sitrep of window) {
    const list = byAuthority.get(sitrep.authority) ?? [];
    list.push(sitrep);
    byAuthority.set(sitrep.authority, list);
  }
  return new Map([...byAuthority].map(([authority, history]) => [authority, effectiveFigures(cell, history, date)]));
}
