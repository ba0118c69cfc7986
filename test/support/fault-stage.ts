import { createTestDatabase, type TestDatabase } from './database';
import { startApi, startWorker, type ApiHandle, type StartOptions, type WorkerHandle } from './processes/start';
import { uniqueRedisPrefix } from './redis';
import { startRedisServer, type RedisServer } from './redis-server';
import { mintToken } from './tokens';

/**
 * What every fault test stands on: its own redis-server (so stopping or flushing it disturbs nobody),
 * a database (a clone of the run's template unless one is given, e.g. a private PostgreSQL), two api
 * processes and one worker, and a cleared regional coordinator's token to drive them with.
 */
export interface FaultStage {
  redis: RedisServer;
  databaseUrl: string;
  api1: ApiHandle;
  api2: ApiHandle;
  worker: WorkerHandle;
  token: string;
  /** Drops the cloned database and stops the redis-server (processes are stopped by `stopAll`). */
  close(): Promise<void>;
}

export async function startFaultStage(
  opts: { databaseUrl?: string; env?: Record<string, string> } = {},
): Promise<FaultStage> {
  const redis = await startRedisServer();
  const cloned: TestDatabase | undefined = opts.databaseUrl === undefined ? await createTestDatabase() : undefined;
  const databaseUrl = opts.databaseUrl ?? (cloned as TestDatabase).url;
  const options: StartOptions = {
    databaseUrl,
    redisPrefix: uniqueRedisPrefix(),
    redisUrl: redis.url,
    env: { WORKER_METRICS_PORT: '0', ...opts.env },
  };
  const [api1, api2, worker] = await Promise.all([startApi(options), startApi(options), startWorker(options)]);
  const token = await mintToken({
    sub: 'fault-regional',
    name: 'Regional',
    roles: ['regional-coordinator'],
    clearance: 'OFFICIAL-SENSITIVE',
  });
  return {
    redis,
    databaseUrl,
    api1,
    api2,
    worker,
    token,
    close: async () => {
      await redis.stop();
      await cloned?.drop();
    },
  };
}
