import { isCalendarDate, localInstant, localParts } from '@muster/domain';

/** What a `datetime-local` field sends (and what browsers without one are asked to type): `2026-11-22T14:30`. */
const LOCAL = /^(\d{4}-\d{2}-\d{2})[T ]([01]\d|2[0-3]):([0-5]\d)$/;

/** An instant as a `datetime-local` value in the region's time, to the minute. */
export function localInputValue(iso: string, timeZone: string): string {
  const p = localParts(new Date(iso), timeZone);
  return `${p.date}T${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}

/** A `datetime-local` value read as the region's wall-clock time; undefined when it is not one. */
export function instantFromLocalInput(value: string, timeZone: string): string | undefined {
  const match = LOCAL.exec(value.trim());
  if (match === null || match[1] === undefined || !isCalendarDate(match[1])) return undefined;
  return localInstant(match[1], Number(match[2]), Number(match[3]), timeZone).toISOString();
}
