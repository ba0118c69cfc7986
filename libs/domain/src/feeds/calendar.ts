import { DomainError } from '../shared/domain-error';

/*
 * Calendar days ('YYYY-MM-DD') and ISO weeks ('2026-W47') as plain strings. A reporting day is a day of
 * the region's calendar, not an instant, so its arithmetic is done on a UTC midnight where no clock
 * change can add or lose an hour.
 */

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const WEEK = /^(\d{4})-W(\d{2})$/;

const invalid = (path: string, message: string) => new DomainError('validation-failed', `${path} ${message}`, [{ path, message }]);

/** Midnight UTC of a day of any year, as days since 1970-01-01 (Date.UTC reads years 0 to 99 as 1900 to 1999). */
function utcDay(year: number, monthIndex: number, day: number): number {
  const at = new Date(0);
  at.setUTCFullYear(year, monthIndex, day);
  return at.getTime() / DAY_MS;
}

/** The days PostgreSQL's date type and four-digit ISO strings share: years 1 to 9999. */
const FIRST_DAY = utcDay(1, 0, 1);
const LAST_DAY = utcDay(9999, 11, 31);

/** A day number back as YYYY-MM-DD; a day outside years 1 to 9999 (a window reaching past either end) is refused. */
function fromDayNumber(day: number): string {
  if (day < FIRST_DAY || day > LAST_DAY) throw invalid('date', 'is too near the ends of the calendar (years 1 to 9999) for the days it needs');
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** True for a real calendar day written YYYY-MM-DD (no 2026-02-30) of years 1 to 9999. */
export function isCalendarDate(text: string): boolean {
  const match = DATE.exec(text);
  if (match === null) return false;
  const at = new Date(`${text}T00:00:00.000Z`);
  return !Number.isNaN(at.getTime()) && at.toISOString().slice(0, 10) === text && at.getTime() / DAY_MS >= FIRST_DAY;
}

function dayNumber(date: string): number {
  if (!isCalendarDate(date)) throw invalid('date', 'must be a calendar day written YYYY-MM-DD');
  return Date.parse(`${date}T00:00:00.000Z`) / DAY_MS;
}


export function addDays(date: string, n: number): string {
  return fromDayNumber(dayNumber(date) + n);
}

export function previousDay(date: string): string {
  return addDays(date, -1);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** 1 for Monday … 7 for Sunday, as ISO 8601 counts them. */
function isoWeekday(day: number): number {
  // Day 0 (1970-01-01) was a Thursday.
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** The Monday of ISO week 1: the week holding the year's first Thursday, so also its 4 January. */
function mondayOfWeekOne(year: number): number {
  const jan4 = utcDay(year, 0, 4);
  return jan4 - isoWeekday(jan4) + 1;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** The ISO week a day belongs to, e.g. '2026-W53' for 2027-01-01; the week's Thursday decides the year. */
export function isoWeekOf(date: string): string {
  const day = dayNumber(date);
  const thursday = day - isoWeekday(day) + 4;
  const year = new Date(thursday * DAY_MS).getUTCFullYear();
  const week = Math.floor((thursday - mondayOfWeekOne(year)) / 7) + 1;
  return `${pad(year, 4)}-W${pad(week, 2)}`;
}

/** How many ISO weeks a year has: 53 when it starts on a Thursday (or a Wednesday in a leap year). */
export function isoWeeksInYear(year: number): number {
  return Number(isoWeekOf(`${pad(year, 4)}-12-28`).slice(-2));
}

/** The Monday of a week that exists in its year (1 to 52 or 53), or undefined. */
function mondayOf(text: string): number | undefined {
  const match = WEEK.exec(text);
  if (match === null) return undefined;
  const year = Number(match[1]);
  const week = Number(match[2]);
  if (year < 1 || week < 1 || week > isoWeeksInYear(year)) return undefined;
  return mondayOfWeekOne(year) + (week - 1) * 7;
}

/** True for an ISO week that exists and whose seven days are all calendar days (so not 9999-W52, which ends in year 10000). */
export function isIsoWeek(text: string): boolean {
  const monday = mondayOf(text);
  return monday !== undefined && monday >= FIRST_DAY && monday + 6 <= LAST_DAY;
}

/** The seven days of an ISO week, Monday to Sunday; they may straddle two calendar years. */
export function isoWeekDays(week: string): string[] {
  const monday = mondayOf(week);
  if (monday === undefined || !isIsoWeek(week)) throw invalid('week', 'must be an ISO week written YYYY-Www, e.g. 2026-W47');
  return Array.from({ length: 7 }, (_, i) => fromDayNumber(monday + i));
}
