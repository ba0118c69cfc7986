import { Cell } from '../reference/region';
import { Rag, ReportedFigures } from './sitrep';

/** Each figure's value for a day and the reporting day it was given on (earlier than the day when carried forward). */
export interface FigureOrigin {
  value: number;
  reportedOn: string;
}

/** The latest version of each day's report on or before `date`, newest day first. */
function latestByDay(history: readonly ReportedFigures[], date: string): ReportedFigures[] {
  const latest = new Map<string, ReportedFigures>();
  for (const sitrep of history) {
    if (sitrep.date > date) continue;
    const held = latest.get(sitrep.date);
    if (held === undefined || sitrep.version > held.version) latest.set(sitrep.date, sitrep);
  }
  return [...latest.values()].sort((a, b) => b.date.localeCompare(a.date));
}

/**
 * Where each of one authority's effective figures for `date` comes from (the same values as
 * `effectiveFigures`): the day's own report, or the latest earlier day that gave it where the cell
 * carries that figure forward. A figure nobody gave is absent.
 */
export function figureOrigins(
  cell: Cell,
  history: readonly ReportedFigures[],
  date: string,
): Record<string, FigureOrigin> {
  const days = latestByDay(history, date);
  const origins: Record<string, FigureOrigin> = {};
  for (const figure of cell.figures) {
    for (const report of days) {
      if (report.date !== date && !figure.carriesForward) break;
      const value = report.figures[figure.key];
      if (value !== undefined) {
        origins[figure.key] = { value, reportedOn: report.date };
        break;
      }
    }
  }
  return origins;
}

/** The authority's own RAG in its latest report on or before `date` that gave one, and that report's day. */
export function lastOwnRag(
  history: readonly ReportedFigures[],
  date: string,
): { rag: Rag; reportedOn: string } | undefined {
  const report = latestByDay(history, date).find((r) => r.rag !== undefined);
  return report?.rag === undefined ? undefined : { rag: report.rag, reportedOn: report.date };
}
