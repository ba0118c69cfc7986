import { addDays } from './calendar';
import { localInstant, reportingDay } from './local-time';

/**
 * The next instant strictly after `after` at which the wall clock in `timeZone` reads hour:minute, so the
 * 07:00 feed runs at 07:00 UTC in winter and 06:00 UTC in summer. A time skipped when the clocks go
 * forward runs at the end of the gap; a time that happens twice when they go back runs once, the first time.
 */
export function nextLocalRun(hour: number, minute: number, timeZone: string, after: Date): Date {
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) throw new RangeError(`hour must be 0-23, got ${hour}`);
  if (!Number.isInteger(minute) || minute < 0 || minute > 59)
    throw new RangeError(`minute must be 0-59, got ${minute}`);
  const today = reportingDay(after, timeZone);
  // Yesterday first: near midnight the local day of `after` can be behind the run that comes next.
  for (let day = -1; day <= 2; day += 1) {
    const run = localInstant(addDays(today, day), hour, minute, timeZone);
    if (run.getTime() > after.getTime()) return run;
  }
  throw new Error(`no ${hour}:${minute} in ${timeZone} within two days of ${after.toISOString()}`);
}
