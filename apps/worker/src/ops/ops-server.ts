import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { CONFIG } from '@muster/config';
import type { Config } from '@muster/config';
import { WorkerHealth } from './worker-health';
import { WorkerMetrics } from './worker-metrics';

/**
 * The worker's operations port (WORKER_METRICS_PORT; 0 turns it off): `/metrics`, and `/health/live` and
 * `/health/ready` answered as the api answers them, for the image's and the orchestrator's health checks.
 */
@Injectable()
export class WorkerOpsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private server: Server | undefined;

  constructor(
    @Inject(CONFIG) private readonly config: Config,
    private readonly metrics: WorkerMetrics,
    private readonly health: WorkerHealth,
    @InjectPinoLogger(WorkerOpsServer.name) private readonly logger: PinoLogger,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.worker.metricsPort === 0) return;
    this.server = createServer((request, response) => {
      this.answer(request, response).catch(() => {
        response.statusCode = 500;
        response.end();
      });
    });
    // A port already taken (a second worker on one host) costs the endpoint, not the worker.
    this.server.on('error', (error) => this.logger.warn({ err: error }, 'worker operations endpoint not started'));
    this.server.listen(this.config.worker.metricsPort);
  }

  async onApplicationShutdown(): Promise<void> {
    await new Promise((resolve) => (this.server ? this.server.close(resolve) : resolve(undefined)));
  }

  private async answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '').split('?')[0];
    if (request.method !== 'GET') {
      send(response, 405, 'text/plain', '');
      return;
    }
    if (path === '/metrics') {
      send(response, 200, this.metrics.registry.contentType, await this.metrics.registry.metrics());
      return;
    }
    if (path === '/health/live') {
      send(response, 200, 'application/json', JSON.stringify({ status: 'ok' }));
      return;
    }
    if (path === '/health/ready') {
      const { ready, body } = await this.health.check();
      send(response, ready ? 200 : 503, 'application/json', JSON.stringify(body));
      return;
    }
    send(response, 404, 'text/plain', '');
  }
}

function send(response: ServerResponse, status: number, type: string, body: string): void {
  response.statusCode = status;
  response.setHeader('content-type', type);
  response.setHeader('cache-control', 'no-store');
  response.end(body);
}
