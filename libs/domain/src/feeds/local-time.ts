/*
 * Wall-clock time in a named time zone with nothing but Intl.DateTimeFormat: enough to find "07:00 in
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

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (format === undefined) {
    // h23: some engines write midnight as 24:00 under the default hour cycle.
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** The calendar day and wall-clock time shown in `timeZone` at an instant. */
export function localParts(at: Date, timeZone: string): LocalParts {
  const parts: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(at)) parts[part.type] = part.value;
  const year = (parts['year'] ?? '').padStart(4, '0');
  return {
    date: `${year}-${parts['month']}-${parts['day']}`,
    hour: Number(parts['hour']),
    minute: Number(parts['minute']),
    second: Number(parts['second']),
  };
}

/** The local wall-clock reading at `ms`, written as if it were UTC milliseconds. */
function wallClock(ms: number, timeZone: string): number {
  const p = localParts(new Date(ms), timeZone);
  return Date.parse(`${p.date}T00:00:00.000Z`) + ((p.hour * 60 + p.minute) * 60 + p.second) * 1000 + (((ms % 1000) + 1000) % 1000);
}

const offsetAt = (ms: number, timeZone: string) => wallClock(ms, timeZone) - ms;

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
 * the gap, the first instant that exists after it.
 */
export function localInstant(date: string, hour: number, minute: number, timeZone: string): Date {
  const wall = Date.parse(`${date}T00:00:00.000Z`) + (hour * 60 + minute) * MINUTE_MS;
  if (Number.isNaN(wall)) throw new RangeError(`not a calendar day: ${date}`);
  // Assumes at most one offset change within a day either side, true of every real zone.
  const before = offsetAt(wall - DAY_MS, timeZone);
  const after = offsetAt(wall + DAY_MS, timeZone);
  const candidates = [...new Set([before, after])]
    .map((offset) => wall - offset)
    .filter((ms) => wallClock(ms, timeZone) === wall)
    .sort((a, b) => a - b);
  const first = candidates[0];
  if (first !== undefined) return new Date(first);
  return new Date(transitionBetween(wall - after, wall - before, after, timeZone));
}

/** The first instant in (low, high] already at `offset`: where a spring-forward gap ends. */
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
