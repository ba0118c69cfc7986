import { parseDuration } from './duration';

/** Kept here rather than imported from the domain: config must not depend on it. */
export const ACK_SLA_SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type AckSlaSeverity = (typeof ACK_SLA_SEVERITIES)[number];

export const DEFAULT_ACK_SLA = 'critical=15m,high=1h,medium=4h,low=24h';

const isSeverity = (value: string): value is AckSlaSeverity =>
  (ACK_SLA_SEVERITIES as readonly string[]).includes(value);

function parseEntries(text: string): Partial<Record<AckSlaSeverity, number>> {
  const result: Partial<Record<AckSlaSeverity, number>> = {};
  for (const entry of text.split(',')) {
    if (entry.trim() === '') continue;
    const [rawKey, rawValue, ...rest] = entry.split('=');
    const key = (rawKey ?? '').trim().toLowerCase();
    const value = (rawValue ?? '').trim();
    if (rest.length > 0 || rawValue === undefined) {
      throw new Error(`"${entry.trim()}" is not severity=duration`);
    }
    if (!isSeverity(key)) {
      throw new Error(`unknown severity "${key}" (expected ${ACK_SLA_SEVERITIES.join(', ')})`);
    }
    if (key in result) throw new Error(`${key} is given twice`);
    let ms: number;
    try {
      ms = parseDuration(value);
    } catch {
      throw new Error(`${key}: "${value}" is not a duration such as 90, 30s, 15m or 1h`);
    }
    // A zero deadline would climb the ladder the moment anything is raised.
    if (ms <= 0) throw new Error(`${key}: must be longer than zero`);
    result[key] = ms;
  }
  return result;
}

/**
 * Parses `critical=15m,high=1h,...` into milliseconds per severity. Entries may be partial: the
 * ones given override the defaults, so tests can shorten only what they exercise.
 */
export function parseAckSla(text: string): Record<AckSlaSeverity, number> {
  const defaults = parseEntries(DEFAULT_ACK_SLA) as Record<AckSlaSeverity, number>;
  return { ...defaults, ...parseEntries(text) };
}
