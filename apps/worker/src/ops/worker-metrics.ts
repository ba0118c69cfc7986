import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createServer, Server } from 'node:http';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { CONFIG, registerHeapAfterGc } from '@muster/config';
import type { Config } from '@muster/config';

/** The worker's Prometheus registry, served on WORKER_METRICS_PORT (0 turns the endpoint off). */
@Injectable()
export class WorkerMetrics implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly registry = new Registry();
  private server: Server | undefined;

  readonly timerLateness = new Histogram({
    name: 'muster_timer_lateness_seconds',
    help: 'How long after its deadline a timer job ran',
    labelNames: ['queue', 'outcome'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  readonly queueDepth = new Gauge({
    name: 'muster_queue_jobs',
    help: 'Jobs per queue and state',
    labelNames: ['queue', 'state'] as const,
    registers: [this.registry],
  });

  readonly relayBacklog = new Gauge({
    name: 'muster_relay_unpublished_events',
    help: 'Journal events sequenced but not yet published by the relay',
    registers: [this.registry],
  });

  constructor(
    @Inject(CONFIG) private readonly config: Config,
    @InjectPinoLogger(WorkerMetrics.name) private readonly logger: PinoLogger,
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: 'muster_worker_' });
    registerHeapAfterGc(this.registry, 'muster_worker_');
  }

  onApplicationBootstrap(): void {
    if (this.config.worker.metricsPort === 0) return;
    this.server = createServer((request, response) => {
      if (request.url !== '/metrics') {
        response.statusCode = 404;
        response.end();
        return;
      }
      this.registry
        .metrics()
        .then((text) => {
          response.setHeader('content-type', this.registry.contentType);
          response.end(text);
        })
        .catch(() => {
          response.statusCode = 500;
          response.end();
        });
    });
    // A port already taken (a second worker on one host) costs the endpoint, not the worker.
    this.server.on('error', (error) => this.logger.warn({ err: error }, 'worker metrics endpoint not started'));
    this.server.listen(this.config.worker.metricsPort);
  }

  async onApplicationShutdown(): Promise<void> {
    await new Promise((resolve) => (this.server ? this.server.close(resolve) : resolve(undefined)));
  }
}
