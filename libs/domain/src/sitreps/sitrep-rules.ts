import { ProblemFieldError } from '@muster/contracts';
import { Principal } from '../access/principal';
import { isOfficerOf, isRegional } from '../access/roles';
import { isCalendarDate } from '../feeds/calendar';
import { localInstant, parseTimeOfDay, reportingDay } from '../feeds/local-time';
import { Cell } from '../reference/region';
import { decided, Decided, unchanged } from '../shared/decided';
import { DomainError, forbidden, ruleViolated } from '../shared/domain-error';
import { DomainEvent } from '../shared/domain-event';
import { Rag, ReportedFigures, Sitrep, SitrepSubmittedData } from './sitrep';

export interface SubmitSitrepCommand {
  by: Principal;
  at: Date;
  /** The region's time zone, which decides what "today" is. */
  timeZone: string;
  authority: string;
  date: string;
  figures: Record<string, unknown>;
  narrative?: string;
  rag?: Rag;
}

/** One authority's report for one day in a cell, as held: the cell's figures and the latest version, if any. */
export interface HeldReport {
  cell: Cell;
  /** The latest version already held for this cell, authority and day; undefined for the first. */
  previous: Sitrep | undefined;
}

/** Effective figures: what is known of one authority for one day, with what was carried from earlier. */
export interface EffectiveFigures {
  figures: Record<string, number>;
  /** Whether the authority submitted anything for the day itself. */
  reported: boolean;
  /** Keys whose value was taken from an earlier day. */
  carried: string[];
}

/** Officers report for their own authority; regional coordinators may report on an authority's behalf. */
export function canSubmitSitrep(principal: Principal, authority: string): boolean {
  return isRegional(principal) || isOfficerOf(principal, authority);
}

/** Every problem with submitted figures, each naming its key; figures are counts and days, never negative. */
export function validateSitrepFigures(cell: Cell, figures: Record<string, unknown>): ProblemFieldError[] {
  const known = new Set(cell.figures.map((f) => f.key));
  const problems: ProblemFieldError[] = [];
  for (const [key, value] of Object.entries(figures)) {
    const path = `figures.${key}`;
    if (!known.has(key)) problems.push({ path, message: `is not a figure of cell ${cell.slug}` });
    else if (typeof value !== 'number' || !Number.isFinite(value)) problems.push({ path, message: 'must be a number' });
    else if (value < 0) problems.push({ path, message: 'must not be negative' });
  }
  return problems;
}

/**
 * Accepts one authority's figures for a day as a new version; earlier versions stay as they were. A report
 * that repeats the latest version (a PUT repeated after a lost answer) is that version: no new one, no event.
 */
export function submitSitrep(command: SubmitSitrepCommand, { cell, previous }: HeldReport): Decided<Sitrep> {
  const { authority, date } = command;
  if (!canSubmitSitrep(command.by, authority)) {
    throw forbidden('only officers of the authority or regional coordinators may submit its figures');
  }
  const problems = validateSitrepFigures(cell, command.figures);
  if (!isCalendarDate(date)) problems.unshift({ path: 'date', message: 'must be a calendar day written YYYY-MM-DD' });
  if (problems.length > 0) {
    throw new DomainError('validation-failed', problems.map((p) => `${p.path}: ${p.message}`).join('; '), problems);
  }
  if (date > reportingDay(command.at, command.timeZone)) {
    throw ruleViolated('date', 'is in the future: figures are reported for today or an earlier day');
  }
  // Validation above guarantees every value is a finite number.
  const figures = { ...command.figures } as Record<string, number>;
  if (previous !== undefined && repeats(previous, figures, command)) return unchanged(previous);
  const sitrep: Sitrep = {
    cell: cell.slug,
    authority,
    date,
    version: (previous?.version ?? 0) + 1,
    figures,
    ...(command.narrative !== undefined && { narrative: command.narrative }),
    ...(command.rag !== undefined && { rag: command.rag }),
    submittedBy: { sub: command.by.sub, name: command.by.name },
    submittedAt: command.at.toISOString(),
  };
  const data: SitrepSubmittedData = {
    cell: cell.slug,
    authority,
    date,
    version: sitrep.version,
    ...(command.rag !== undefined && { rag: command.rag }),
    figures: { ...figures },
  };
  const event: DomainEvent<SitrepSubmittedData> = {
    type: 'sitrep.submitted',
    cell: cell.slug,
    authority,
    authorities: [authority],
    marking: 'OFFICIAL',
    data,
  };
  return decided(sitrep, event);
}

/** Whether a submission says exactly what the held version says (figures, narrative and RAG). */
function repeats(held: Sitrep, figures: Record<string, number>, command: SubmitSitrepCommand): boolean {
  const keys = Object.keys(figures);
  return (
    held.narrative === command.narrative &&
    held.rag === command.rag &&
    keys.length === Object.keys(held.figures).length &&
    keys.every((key) => Object.hasOwn(held.figures, key) && held.figures[key] === figures[key])
  );
}

/**
 * What is known for `date` from one authority's history for one cell (any order, any versions: the
 * highest version of each day counts). The day's own figures win; a figure it lacks is carried from the
 * latest earlier day that gave it, only where the cell says the figure carries forward. Nothing is
 * invented: a figure nobody gave is absent, never zero.
 */
export function effectiveFigures(cell: Cell, history: readonly ReportedFigures[], date: string): EffectiveFigures {
  const latest = new Map<string, ReportedFigures>();
  for (const sitrep of history) {
    if (sitrep.date > date) continue;
    const held = latest.get(sitrep.date);
    if (held === undefined || sitrep.version > held.version) latest.set(sitrep.date, sitrep);
  }
  const onDay = latest.get(date);
  const earlier = [...latest.values()].filter((s) => s.date < date).sort((a, b) => b.date.localeCompare(a.date));
  const figures: Record<string, number> = {};
  const carried: string[] = [];
  for (const figure of cell.figures) {
    const own = onDay?.figures[figure.key];
    if (own !== undefined) {
      figures[figure.key] = own;
      continue;
    }
    if (!figure.carriesForward) continue;
    for (const source of earlier) {
      const value = source.figures[figure.key];
      if (value !== undefined) {
        figures[figure.key] = value;
        carried.push(figure.key);
        break;
      }
    }
  }
  return { figures, reported: onDay !== undefined, carried };
}

/**
 * The same answer as `effectiveFigures`, one step at a time: a day's effective figures from those of the
 * last earlier day (undefined when there is none) and the day's latest submission. Lets a projection
 * keep the picture current without rereading history.
 */
export function nextEffectiveFigures(
  cell: Cell,
  earlier: Readonly<Record<string, number>> | undefined,
  submission: Pick<Sitrep, 'figures'> | undefined,
): EffectiveFigures {
  const figures: Record<string, number> = {};
  const carried: string[] = [];
  for (const figure of cell.figures) {
    const own = submission?.figures[figure.key];
    const before = earlier?.[figure.key];
    if (own !== undefined) figures[figure.key] = own;
    else if (figure.carriesForward && before !== undefined) {
      figures[figure.key] = before;
      carried.push(figure.key);
    }
  }
  return { figures, reported: submission !== undefined, carried };
}

/** The instant after which an authority that has not reported for `date` is stale. */
export function sitrepCutoffInstant(cell: Cell, date: string, timeZone: string): Date {
  const cutoff = parseTimeOfDay(cell.sitrepCutoff);
  if (cutoff === undefined)
    throw new RangeError(`cell ${cell.slug} has no valid sitrep cut-off: '${cell.sitrepCutoff}'`);
  return localInstant(date, cutoff.hour, cutoff.minute, timeZone);
}

/** Not reported for `date` once the cell's cut-off on that day has passed; before it, nobody is late yet. */
export function isStale(cell: Cell, reportedOnDate: boolean, date: string, now: Date, timeZone: string): boolean {
  if (reportedOnDate) return false;
  return now.getTime() >= sitrepCutoffInstant(cell, date, timeZone).getTime();
}
