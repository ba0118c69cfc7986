import { tz } from '@date-fns/tz';
import {
  addDays as addDaysTo,
  differenceInCalendarDays,
  eachDayOfInterval,
  format,
  getISOWeeksInYear,
  isValid,
  parse,
} from 'date-fns';
import { DomainError } from '../shared/domain-error';

/*
 * Calendar days ('YYYY-MM-DD') and ISO weeks ('2026-W47') as plain strings, through date-fns. A reporting day
 * is a day of the region's calendar, not an instant, so its arithmetic is done in UTC, where no clock change
 * can add or lose an hour.
 */

const UTC = { in: tz('UTC') };
const DAY = 'yyyy-MM-dd';
const WEEK = "RRRR-'W'II";

const invalid = (path: string, message: string) =>
  new DomainError('validation-failed', `${path} ${message}`, [{ path, message }]);

/** date-fns reads its format leniently (a week 53 rolls into the next year): only text it writes back alike is taken. */
function read(text: string, shape: RegExp, pattern: string): Date | undefined {
  if (!shape.test(text)) return undefined;
  const at = parse(text, pattern, 0, UTC);
  return isValid(at) && format(at, pattern, UTC) === text ? at : undefined;
}

const readDay = (text: string) => read(text, /^\d{4}-\d{2}-\d{2}$/, DAY);

// Hand-written bound: date-fns takes any year, but PostgreSQL's date type and four-digit ISO strings hold years 1 to 9999.
const FIRST_DAY = readDay('0001-01-01') as Date;
const LAST_DAY = readDay('9999-12-31') as Date;
const inCalendar = (day: Date) => day >= FIRST_DAY && day <= LAST_DAY;

/** True for a real calendar day written YYYY-MM-DD (no 2026-02-30) of years 1 to 9999. */
export function isCalendarDate(text: string): boolean {
  const day = readDay(text);
  return day !== undefined && inCalendar(day);
}

function dayOf(date: string): Date {
  const day = readDay(date);
  if (day === undefined || !inCalendar(day)) throw invalid('date', 'must be a calendar day written YYYY-MM-DD');
  return day;
}

/** A day back as YYYY-MM-DD; a day outside years 1 to 9999 (a window reaching past either end) is refused. */
function written(day: Date): string {
  if (!inCalendar(day))
    throw invalid('date', 'is too near the ends of the calendar (years 1 to 9999) for the days it needs');
  return format(day, DAY, UTC);
}

export function addDays(date: string, n: number): string {
  return written(addDaysTo(dayOf(date), n, UTC));
}

export function previousDay(date: string): string {
  return addDays(date, -1);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return differenceInCalendarDays(dayOf(to), dayOf(from), UTC);
}

/** The ISO week a day belongs to, e.g. '2026-W53' for 2027-01-01; the week's Thursday decides the year. */
export function isoWeekOf(date: string): string {
  return format(dayOf(date), WEEK, UTC);
}

/** How many ISO weeks a year has: 53 when it starts on a Thursday (or a Wednesday in a leap year). */
export function isoWeeksInYear(year: number): number {
  return getISOWeeksInYear(dayOf(`${String(year).padStart(4, '0')}-07-01`), UTC);
}

/** The Monday of a week that exists in its year (1 to 52 or 53), or undefined. */
const mondayOf = (text: string) => read(text, /^\d{4}-W\d{2}$/, WEEK);

/** True for an ISO week that exists and whose seven days are all calendar days (so not 9999-W52, which ends in year 10000). */
export function isIsoWeek(text: string): boolean {
  const monday = mondayOf(text);
  return monday !== undefined && inCalendar(monday) && inCalendar(addDaysTo(monday, 6, UTC));
}

/** The seven days of an ISO week, Monday to Sunday; they may straddle two calendar years. */
export function isoWeekDays(week: string): string[] {
  const monday = mondayOf(week);
  if (monday === undefined || !isIsoWeek(week))
    throw invalid('week', 'must be an ISO week written YYYY-Www, e.g. 2026-W47');
  return eachDayOfInterval({ start: monday, end: addDaysTo(monday, 6, UTC) }, UTC).map(written);
}
