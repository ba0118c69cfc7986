import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { CONFIG } from '@muster/config';
import type { Config } from '@muster/config';
import { QUEUES, queuePrefix } from '@muster/messaging';
import { ApiRedis } from '../ops/api-redis';

/** Handles on the worker's queues, for operators: the dashboard and queue depth in /metrics. */
@Injectable()
export class ApiQueues implements OnApplicationShutdown {
  readonly all: Queue[];

  constructor(@Inject(CONFIG) config: Config, redis: ApiRedis) {
    const prefix = queuePrefix(config.redis.prefix);
    this.all = Object.values(QUEUES).map((name) => new Queue(name, { connection: redis.client, prefix }));
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled(this.all.map((queue) => queue.close()));
  }
}
