import type { Rate } from '@muster/config';

/** What a counter said about one request. */
export type Verdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Fixed window: the counter's first hit starts a window of `rate.windowMs`; hits past `rate.limit` are
 * refused until it ends. `count` includes this request, `remainingMs` is what is left of the window.
 */
export function verdict(rate: Rate, count: number, remainingMs: number): Verdict {
  if (count <= rate.limit) return { allowed: true };
  // A window that already ended (or a key that lost its expiry) still asks for a wait of at least a second.
  const ms = remainingMs > 0 ? Math.min(remainingMs, rate.windowMs) : rate.windowMs;
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(ms / 1000)) };
}

/** The most restrictive of several verdicts: refused if any refuses, with the longest wait. */
export function strictest(verdicts: readonly Verdict[]): Verdict {
  let wait = 0;
  for (const v of verdicts) if (!v.allowed) wait = Math.max(wait, v.retryAfterSeconds);
  return wait > 0 ? { allowed: false, retryAfterSeconds: wait } : { allowed: true };
}

/** The same fixed window in memory, for bounds that are per connection and so need no sharing. */
export class LocalWindow {
  private startedAt = Number.NEGATIVE_INFINITY;
  private count = 0;

  constructor(
    private readonly rate: Rate,
    private readonly now: () => number = Date.now,
  ) {}

  hit(): Verdict {
    const at = this.now();
    if (at - this.startedAt >= this.rate.windowMs) {
      this.startedAt = at;
      this.count = 0;
    }
    this.count += 1;
    return verdict(this.rate, this.count, this.startedAt + this.rate.windowMs - at);
  }
}
