const unitMs: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Parses `500ms`, `15s`, `4m`, `1h` or a bare number of seconds into milliseconds. */
export function parseDuration(text: string): number {
  const match = /^(\d+)(ms|s|m|h)?$/.exec(text.trim());
  if (!match) {
    throw new Error(`not a duration: ${text}`);
  }
  const unit = match[2] ?? 's';
  return Number(match[1]) * (unitMs[unit] ?? 1000);
}
