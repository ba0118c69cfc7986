import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { testContext } from './env';
import { errorMessage, redactUrl } from './postgres';

/**
 * A REDIS_PREFIX no other test file or run shares. It starts with the run id, so the global teardown
 * deletes whatever keys the processes wrote under it.
 */
export function uniqueRedisPrefix(): string {
  return `${testContext().runId}_${process.pid.toString(36)}${randomBytes(3).toString('hex')}`;
}

/** A Redis connection that fails fast instead of retrying forever; `quit()` it when done. */
export async function connectRedis(url: string = testContext().redisUrl): Promise<Redis> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 3_000,
    maxRetriesPerRequest: 1,
    retryStrategy: () => null,
  });
  let lastError: unknown;
  redis.on('error', (error: unknown) => {
    lastError = error;
  });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    throw new Error(
      `Redis at ${redactUrl(url)} is not answering (${errorMessage(lastError ?? error)}). ` +
        'Start it with `node scripts/services.mjs` or `docker compose -f docker/compose.yml up -d postgres redis`.',
      { cause: error },
    );
  }
  return redis;
}

/** Deletes every key that starts with `prefix` (SCAN + UNLINK, never KEYS). Returns how many went. */
export async function deleteRedisKeys(prefix: string, url: string = testContext().redisUrl): Promise<number> {
  if (prefix.length === 0) throw new Error('deleteRedisKeys needs a non-empty prefix');
  const redis = await connectRedis(url);
  const pattern = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) deleted += await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    await redis.quit().catch(() => redis.disconnect());
  }
  return deleted;
}
