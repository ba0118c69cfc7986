/** Deletes the keys matching each pattern with SCAN + UNLINK (never FLUSHDB/FLUSHALL); returns how many. */
export async function deleteKeys(redis, patterns) {
  let deleted = 0;
  for (const pattern of patterns) {
    if (!/[A-Za-z0-9]{4,}/.test(pattern) || pattern.startsWith('*'))
      throw new Error(`refusing a broad key pattern: ${pattern}`);
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) deleted += await redis.unlink(...keys);
    } while (cursor !== '0');
  }
  return deleted;
}

/** A Redis pattern that matches `literal` exactly (glob characters escaped), for use as a key prefix. */
export function literalPattern(literal) {
  return literal.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}

/** Redis's `hz` (server timer frequency: how often blocked clients' timeouts are checked, among others). */
export async function redisTimerSettings(redis) {
  const [, hz] = await redis.config('GET', 'hz');
  const info = await redis.info('server');
  const field = (name) => info.match(new RegExp(`^${name}:(.*)$`, 'm'))?.[1]?.trim();
  return { hz: Number(hz), dynamicHz: field('configured_hz') ?? '', version: field('redis_version') ?? 'unknown' };
}

/**
 * Reads a BullMQ queue's event stream (`<prefix>:<queue>:events`). Each entry id starts with the Redis
 * server's clock in ms when the event was written (inside the Lua script that made the change), so it
 * dates promotion (delayed -> waiting), pick-up (active) and completion independently of any client.
 * Returns per job id: { delayed: [ms...], waiting, active, completed } (first of each), plus the stream's
 * first entry time (the stream is trimmed to ~10,000 entries, so older events may be gone).
 */
export async function readQueueEvents(redis, streamKey) {
  const jobs = new Map();
  let start = '-';
  let firstMs;
  let entries = 0;
  for (;;) {
    const page = await redis.xrange(streamKey, start, '+', 'COUNT', 2000);
    if (page.length === 0) break;
    for (const [id, fields] of page) {
      const at = Number(id.split('-')[0]);
      firstMs ??= at;
      entries += 1;
      const record = {};
      for (let i = 0; i + 1 < fields.length; i += 2) record[fields[i]] = fields[i + 1];
      if (record.jobId === undefined) continue;
      let job = jobs.get(record.jobId);
      if (!job) {
        job = { delayed: [] };
        jobs.set(record.jobId, job);
      }
      if (record.event === 'delayed') job.delayed.push({ at, until: Number(record.delay) });
      else if (
        record.event === 'waiting' ||
        record.event === 'active' ||
        record.event === 'completed' ||
        record.event === 'failed'
      ) {
        job[record.event] ??= at;
      }
    }
    const [lastId] = page[page.length - 1];
    start = `(${lastId}`;
    if (page.length < 2000) break;
  }
  return { jobs, entries, firstMs };
}
