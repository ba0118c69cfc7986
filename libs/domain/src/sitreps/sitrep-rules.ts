import { ProblemFieldError } from '@muster/contracts';
import { Principal } from '../access/principal';
import { isOfficerOf, isRegional } from '../access/roles';
import { isCalendarDate } from '../feeds/calendar';
import { localInstant, parseTimeOfDay, reportingDay } from '../feeds/local-time';
import { Cell } from '../reference/region';
import { DomainError, forbidden, ruleViolated } from '../shared/domain-error';
import { DomainEvent } from '../shared/domain-event';
import { Rag, ReportedFigures, Sitrep, SitrepSubmittedData } from './sitrep';

export interface SubmitSitrepInput {
  cell: Cell;
  authority: string;
  date: string;
  figures: Record<string, unknown>;
  narrative?: string;
  rag?: Rag;
}

export interface SubmitSitrepContext {
  principal: Principal;
  now: Date;
  /** The latest version already held for this cell, authority and day; undefined for the first. */
  previous: Sitrep | undefined;
  /** The region's time zone, which decides what "today" is. */
  timeZone: string;
}

export interface SitrepSubmission {
  sitrep: Sitrep;
  /** Absent when the report repeats the latest version: a PUT repeated (say, after a lost answer) changes nothing. */
  event?: DomainEvent<SitrepSubmittedData>;
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

/** Accepts one authority's figures for a day as a new version; earlier versions stay as they were. */
export function submitSitrep(input: SubmitSitrepInput, ctx: SubmitSitrepContext): SitrepSubmission {
  const { cell, authority, date } = input;
  if (!canSubmitSitrep(ctx.principal, authority)) {
    throw forbidden('only officers of the authority or regional coordinators may submit its figures');
  }
  const problems = validateSitrepFigures(cell, input.figures);
  if (!isCalendarDate(date)) problems.unshift({ path: 'date', message: 'must be a calendar day written YYYY-MM-DD' });
  if (problems.length > 0) {
    throw new DomainError('validation-failed', problems.map((p) => `${p.path}: ${p.message}`).join('; '), problems);
  }
  if (date > reportingDay(ctx.now, ctx.timeZone)) {
    throw ruleViolated('date', 'is in the future: figures are reported for today or an earlier day');
  }
  // Validation above guarantees every value is a finite number.
  const figures = { ...input.figures } as Record<string, number>;
  if (ctx.previous !== undefined && repeats(ctx.previous, figures, input)) return { sitrep: ctx.previous };
  const sitrep: Sitrep = {
    cell: cell.slug,
    authority,
    date,
    version: (ctx.previous?.version ?? 0) + 1,
    figures,
    ...(input.narrative !== undefined && { narrative: input.narrative }),
    ...(input.rag !== undefined && { rag: input.rag }),
    submittedBy: { sub: ctx.principal.sub, name: ctx.principal.name },
    submittedAt: ctx.now.toISOString(),
  };
  const data: SitrepSubmittedData = {
    cell: cell.slug,
    authority,
    date,
    version: sitrep.version,
    ...(input.rag !== undefined && { rag: input.rag }),
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
  return { sitrep, event };
}

/** Whether a submission says exactly what the held version says (figures, narrative and RAG). */
function repeats(held: Sitrep, figures: Record<string, number>, input: SubmitSitrepInput): boolean {
  const keys = Object.keys(figures);
  return (
    held.narrative === input.narrative &&
    held.rag === input.rag &&
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
  if (cutoff === undefined) throw new RangeError(`cell ${cell.slug} has no valid sitrep cut-off: '${cell.sitrepCutoff}'`);
  return localInstant(date, cutoff.hour, cutoff.minute, timeZone);
}

/** Not reported for `date` once the cell's cut-off on that day has passed; before it, nobody is late yet. */
export function isStale(cell: Cell, reportedOnDate: boolean, date: string, now: Date, timeZone: string): boolean {
  if (reportedOnDate) return false;
  return now.getTime() >= sitrepCutoffInstant(cell, date, timeZone).getTime();
}
