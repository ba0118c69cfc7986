import { Redis, RedisOptions } from 'ioredis';

/**
 * Connections fail fast instead of queueing commands while Redis is away: a request must get an
 * answer (or a 503) within a bound, never hang.
 */
export function createRedis(url: string, name: string, options: RedisOptions = {}): Redis {
  return new Redis(url, {
    connectionName: name,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 5_000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    ...options,
  });
}
