import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { registerHeapAfterGc } from '@muster/config';

/** The api's Prometheus registry: process figures, HTTP latency and outcomes, and live delivery. */
@Injectable()
export class ApiMetrics {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'muster_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  readonly rateLimited = new Counter({
    name: 'muster_http_rate_limited_total',
    help: 'HTTP requests refused with 429 by the rate limits, by route',
    labelNames: ['route'] as const,
    registers: [this.registry],
  });

  readonly idempotentReplays = new Counter({
    name: 'muster_idempotent_replays_total',
    help: 'POSTs answered with the stored first response of their Idempotency-Key (nothing written), by route',
    labelNames: ['route'] as const,
    registers: [this.registry],
  });

  readonly liveSockets = new Gauge({
    name: 'muster_live_sockets',
    help: 'Connected live sockets on this process',
    registers: [this.registry],
  });

  readonly liveEvents = new Counter({
    name: 'muster_live_events_total',
    help: 'Journal events dispatched to live sockets by this process',
    registers: [this.registry],
  });

  readonly liveReplayed = new Counter({
    name: 'muster_live_replayed_events_total',
    help: 'Events replayed to sockets that subscribed with `after`',
    registers: [this.registry],
  });

  readonly liveFrontier = new Gauge({
    name: 'muster_live_frontier_seq',
    help: 'Highest journal position this process has dispatched',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'muster_api_' });
    registerHeapAfterGc(this.registry, 'muster_api_');
  }
}
