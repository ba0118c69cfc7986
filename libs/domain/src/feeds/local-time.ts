import { tz, tzOffset } from '@date-fns/tz';
import { format } from 'date-fns';

/*
 * Wall-clock time in a named time zone, through date-fns and @date-fns/tz: enough to find "07:00 in
 * Europe/London" on any day, including the two days a year when that hour moves.
 */

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

export interface LocalParts {
  date: string;
  hour: number;
  minute: number;
  second: number;
}

/** The zone's offset from UTC at an instant, in ms; an unknown zone is a RangeError, not NaN. */
function offsetAt(ms: number, timeZone: string): number {
  const minutes = tzOffset(timeZone, new Date(ms));
  if (Number.isNaN(minutes)) throw new RangeError(`unknown time zone: ${timeZone}`);
  return minutes * MINUTE_MS;
}

/** The calendar day and wall-clock time shown in `timeZone` at an instant. */
export function localParts(at: Date, timeZone: string): LocalParts {
  const [date = '', hour, minute, second] = format(at, 'yyyy-MM-dd HH mm ss', { in: tz(timeZone) }).split(' ');
  return { date, hour: Number(hour), minute: Number(minute), second: Number(second) };
}

/** The YYYY-MM-DD calendar day in `timeZone` at an instant: the region's reporting day. */
export function reportingDay(now: Date, timeZone: string): string {
  return localParts(now, timeZone).date;
}

/** Parses 'HH:MM' (24-hour); undefined when it is not a time of day. */
export function parseTimeOfDay(text: string): { hour: number; minute: number } | undefined {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  if (match === null) return undefined;
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

/**
 * The instant at which the wall clock in `timeZone` reads `date` `hour`:`minute`. A time that occurs twice
 * (clocks going back) resolves to the first; a time skipped by clocks going forward resolves to the end of
 * the gap, the first instant that exists after it. Hand-written: TZDate takes the second of a repeated time
 * and shifts a skipped one by the gap's length.
 */
export function localInstant(date: string, hour: number, minute: number, timeZone: string): Date {
  const wall = Date.parse(`${date}T00:00:00.000Z`) + (hour * 60 + minute) * MINUTE_MS;
  if (Number.isNaN(wall)) throw new RangeError(`not a calendar day: ${date}`);
  // Assumes at most one offset change within a day either side, true of every real zone.
  const before = offsetAt(wall - DAY_MS, timeZone);
  const after = offsetAt(wall + DAY_MS, timeZone);
  const candidates = [...new Set([before, after])]
    .map((offset) => wall - offset)
    .filter((ms) => ms + offsetAt(ms, timeZone) === wall)
    .sort((a, b) => a - b);
  const first = candidates[0];
  if (first !== undefined) return new Date(first);
  return new Date(transitionBetween(wall - after, wall - before, after, timeZone));
}

/**
 * The first instant in (low, high] already at `offset`: where a spring-forward gap ends. Hand-written: tzScan
 * steps whole hours, so it would misplace a transition on the half hour (Lord Howe Island).
 */
function transitionBetween(low: number, high: number, offset: number, timeZone: string): number {
  let lo = low;
  let hi = high;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetAt(mid, timeZone) === offset) hi = mid;
    else lo = mid;
  }
  return hi;
}
