import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { OperationsReadings } from '@muster/application';
import { CONFIG, readiness, type Readiness } from '@muster/config';
import type { Config } from '@muster/config';
import { createRedis } from '@muster/messaging';

const CHECK_TIMEOUT_MS = 2_000;

/** The worker's readiness: PostgreSQL and Redis both answer within a bound, as for the api. */
@Injectable()
export class WorkerHealth implements OnApplicationShutdown {
  // Its own fail-fast connection: the queues' connection waits out an outage, so a ping there would hang.
  private readonly redis: Redis;

  constructor(
    @Inject(CONFIG) config: Config,
    private readonly readings: OperationsReadings,
  ) {
    this.redis = createRedis(config.redis.url, 'muster-worker-health');
    this.redis.on('error', () => undefined);
  }

  check(): Promise<Readiness> {
    return readiness({ database: () => this.readings.ping(), redis: () => this.redis.ping() }, CHECK_TIMEOUT_MS);
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
