import { Injectable } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { ApiMetrics } from '../ops/metrics';
import { ApiQueues } from './api-queues';

const STATES = ['waiting', 'delayed', 'active', 'failed'] as const;

/** Queue depth by state in the api's /metrics, read from Redis when scraped. */
@Injectable()
export class QueueMetrics {
  constructor(metrics: ApiMetrics, queues: ApiQueues) {
    new Gauge({
      name: 'muster_queue_jobs',
      help: 'Jobs per queue and state (escalation timers, decision deadlines)',
      labelNames: ['queue', 'state'] as const,
      registers: [metrics.registry],
      async collect() {
        for (const queue of queues.all) {
          // An unreachable Redis leaves the last figures; the scrape itself must not fail.
          const counts = await queue.getJobCounts(...STATES).catch(() => undefined);
          if (counts === undefined) continue;
          for (const state of STATES) this.set({ queue: queue.name, state }, counts[state] ?? 0);
        }
      },
    });
  }
}
