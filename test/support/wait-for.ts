export interface WaitForOptions {
  /** Default 5000. */
  timeoutMs?: number;
  /** Default 50. */
  intervalMs?: number;
  /** What is awaited, for the timeout message ("the escalation to reach regional"). */
  description: string;
}

/**
 * Polls `probe` until it returns something other than `undefined`, `null` or `false`, and returns that.
 * A probe that throws is retried; its last error is in the timeout message.
 */
export async function waitFor<T>(
  probe: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  { timeoutMs = 5_000, intervalMs = 50, description }: WaitForOptions,
): Promise<T> {
  const started = Date.now();
  let attempts = 0;
  let lastError: unknown;
  let lastValue: unknown;
  for (;;) {
    attempts += 1;
    try {
      const value = await probe();
      if (value !== undefined && value !== null && value !== false) return value;
      lastValue = value;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    const elapsed = Date.now() - started;
    if (elapsed >= timeoutMs) {
      const last =
        lastError !== undefined
          ? `the last attempt threw: ${lastError instanceof Error ? lastError.message : typeof lastError === 'string' ? lastError : JSON.stringify(lastError)}`
          : `the last attempt returned ${String(lastValue)}`;
      throw new Error(`Timed out after ${elapsed} ms (${attempts} attempts) waiting for ${description}; ${last}`, {
        cause: lastError,
      });
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(intervalMs, timeoutMs - elapsed)));
  }
}
