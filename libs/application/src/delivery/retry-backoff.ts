/** How long to wait before a notification's next attempt. */
export interface RetryPolicy {
  /** The delay after the first failed attempt. */
  delayMs: number;
  maxDelayMs: number;
  maxAttempts: number;
}

/**
 * Exponential backoff with "equal jitter": after attempt n the delay is half of min(max, base·2^(n-1))
 * plus a random share of the other half, so a provider that was down is not hit by every retry at once
 * when it comes back, and no retry comes sooner than half the nominal delay.
 */
export function retryDelayMs(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const exponent = Math.max(0, attempt - 1);
  const nominal = Math.min(policy.maxDelayMs, policy.delayMs * 2 ** Math.min(exponent, 40));
  return Math.round(nominal / 2 + (nominal / 2) * random());
}

/** Whether another attempt may follow the one just made. */
export const mayRetry = (attemptsMade: number, policy: RetryPolicy) => attemptsMade < policy.maxAttempts;
