import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { CONFIG } from '@muster/config';
import type { Config } from '@muster/config';
import { createRedis } from '@muster/messaging';

/** The api's command connection to Redis (health checks; later rate limits). */
@Injectable()
export class ApiRedis implements OnApplicationShutdown {
  readonly client: Redis;

  constructor(@Inject(CONFIG) config: Config) {
    this.client = createRedis(config.redis.url, 'muster-api');
    // Errors surface through readiness and the live hub; an unhandled 'error' event would crash.
    this.client.on('error', () => undefined);
  }

  onApplicationShutdown(): void {
    this.client.disconnect();
  }
}
