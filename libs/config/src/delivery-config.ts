import { z } from 'zod';
import { DURATION_PATTERN, parseDuration } from './duration';

/** How notifications are retried and how long a send may take before another worker may take it over. */
export interface DeliveryConfig {
  /** The first retry's delay; each later one doubles, with jitter, up to `retryMaxDelayMs`. */
  retryDelayMs: number;
  retryMaxDelayMs: number;
  /** Attempts before a notification is `failed` with its last reason. */
  maxAttempts: number;
  /** A send still `sending` this long after it began is taken to have died with its worker, and is retried. */
  sendTimeoutMs: number;
}

const positiveDuration = (fallback: string) =>
  z
    .string()
    .regex(DURATION_PATTERN, 'a duration such as 500ms, 2s or 1m')
    .refine((value) => parseDuration(value) > 0, 'must be longer than zero')
    .default(fallback);

/** Delivery's variables, merged into the process schema (config.schema.ts). */
export const deliveryVariables = {
  NOTIFICATION_RETRY_DELAY: positiveDuration('5s'),
  NOTIFICATION_RETRY_MAX_DELAY: positiveDuration('15m'),
  NOTIFICATION_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(12),
  NOTIFICATION_SEND_TIMEOUT: positiveDuration('60s'),
};

type DeliveryValues = { [K in keyof typeof deliveryVariables]: z.output<(typeof deliveryVariables)[K]> };

export function deliveryConfig(v: DeliveryValues): DeliveryConfig {
  return {
    retryDelayMs: parseDuration(v.NOTIFICATION_RETRY_DELAY),
    retryMaxDelayMs: Math.max(parseDuration(v.NOTIFICATION_RETRY_DELAY), parseDuration(v.NOTIFICATION_RETRY_MAX_DELAY)),
    maxAttempts: v.NOTIFICATION_MAX_ATTEMPTS,
    sendTimeoutMs: parseDuration(v.NOTIFICATION_SEND_TIMEOUT),
  };
}
