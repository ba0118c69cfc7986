import { ChannelRefused } from '@muster/application';

/** Network failures worth another try: the provider may be back in a moment. */
const TRANSIENT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ERR_CANCELED',
  // nodemailer's own codes for a connection that failed or timed out
  'ECONNECTION',
  'ESOCKET',
  'EDNS',
]);

/** An HTTP status as a refusal: 429 and 5xx may pass, any other 4xx (or a redirect we do not follow) will not. */
export function refusedByStatus(provider: string, status: number): ChannelRefused {
  const retryable = status === 429 || status === 408 || status >= 500;
  return new ChannelRefused(`${provider} answered ${String(status)}`, retryable);
}

/** A send that never got an answer: a timeout or a connection error is retryable; anything else is not. */
export function refusedByError(provider: string, error: unknown): ChannelRefused {
  if (error instanceof ChannelRefused) return error;
  const code = errorCode(error);
  const name = (error as { name?: unknown } | null)?.name;
  const timedOut = name === 'TimeoutError' || name === 'AbortError';
  const retryable = timedOut || (code !== undefined && TRANSIENT_CODES.has(code));
  const what = timedOut ? 'timed out' : code !== undefined ? `failed (${code})` : 'failed';
  return new ChannelRefused(`${provider} ${what}`, retryable);
}

/**
 * The system or library code of an error, looking through `cause` (fetch wraps socket errors). Read by shape,
 * not `instanceof Error`: errors from Node's own modules may come from another realm (a test runner's sandbox).
 */
export function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; typeof current === 'object' && current !== null && depth < 4; depth++) {
    const { code, cause } = current as { code?: unknown; cause?: unknown };
    if (typeof code === 'string') return code;
    current = cause;
  }
  return undefined;
}
