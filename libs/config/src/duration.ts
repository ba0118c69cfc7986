import ms from 'ms';

/** The forms the configuration documents: whole numbers of ms, s, m or h, or bare (seconds). `ms` reads more (days, fractions, signs, words) than we promise. */
export const DURATION_PATTERN = /^\d+(ms|s|m|h)?$/;

/** Parses `500ms`, `15s`, `4m`, `1h` or a bare number of seconds into milliseconds, through `ms`. */
export function parseDuration(text: string): number {
  const value = text.trim();
  if (!DURATION_PATTERN.test(value)) throw new Error(`not a duration: ${text}`);
  // A bare number is seconds here; `ms` would read it as milliseconds.
  return ms((/\d$/.test(value) ? `${value}s` : value) as ms.StringValue);
}
