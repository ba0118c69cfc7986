import { mayRetry, retryDelayMs, type RetryPolicy } from './retry-backoff';

const policy: RetryPolicy = { delayMs: 1_000, maxDelayMs: 60_000, maxAttempts: 5 };

describe('retry backoff', () => {
  it('doubles the nominal delay with each attempt', () => {
    const full = () => 1;
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, policy, full))).toEqual([1_000, 2_000, 4_000, 8_000]);
  });

  it('never waits longer than the cap, however many attempts were made', () => {
    expect(retryDelayMs(7, policy, () => 1)).toBe(60_000);
    expect(retryDelayMs(1_000, policy, () => 1)).toBe(60_000);
  });

  it('spreads retries over the upper half of the nominal delay', () => {
    expect(retryDelayMs(3, policy, () => 0)).toBe(2_000);
    expect(retryDelayMs(3, policy, () => 0.5)).toBe(3_000);
    const seen = Array.from({ length: 200 }, () => retryDelayMs(3, policy));
    expect(Math.min(...seen)).toBeGreaterThanOrEqual(2_000);
    expect(Math.max(...seen)).toBeLessThanOrEqual(4_000);
    expect(new Set(seen).size).toBeGreaterThan(10);
  });

  it('allows attempts up to the cap and no more', () => {
    expect(mayRetry(4, policy)).toBe(true);
    expect(mayRetry(5, policy)).toBe(false);
  });
});
