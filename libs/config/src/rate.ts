import { parseDuration } from './duration';

/** At most `limit` events per `windowMs`. */
export interface Rate {
  limit: number;
  windowMs: number;
}

const ratePattern = /^(\d+)\/(\S+)$/;

/**
 * Parses `600/1m` (600 per minute) into a rate; `0`, `off` or an empty value mean no limit (undefined).
 * A bare window number is seconds, as for every duration here.
 */
export function parseRate(text: string): Rate | undefined {
  const value = text.trim().toLowerCase();
  if (value === '' || value === '0' || value === 'off') return undefined;
  const match = ratePattern.exec(value);
  if (!match) throw new Error(`not a rate: ${text} (expected e.g. 600/1m, or 0/off to disable)`);
  const limit = Number(match[1]);
  let windowMs: number;
  try {
    windowMs = parseDuration(match[2] ?? '');
  } catch {
    throw new Error(`not a rate: ${text} (the window is a duration such as 10s, 1m or 1h)`);
  }
  if (limit < 1) throw new Error(`not a rate: ${text} (use 0 or off to disable)`);
  if (windowMs < 1_000 || windowMs > 86_400_000) throw new Error(`the window of ${text} must be between 1s and 24h`);
  return { limit, windowMs };
}

/** `https://a.example, https://b.example:8443` → exact origins; empty means none. */
export function parseOrigins(text: string): string[] {
  const origins = text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  for (const origin of origins) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    // An origin with a path, a trailing slash or a wildcard would never match the browser's Origin header.
    if (
      parsed === undefined ||
      !/^https?:$/.test(parsed.protocol) ||
      parsed.origin !== origin ||
      origin.includes('*')
    ) {
      throw new Error(`not an exact origin: ${origin} (expected e.g. https://muster.example.gov.uk)`);
    }
  }
  return [...new Set(origins)];
}
