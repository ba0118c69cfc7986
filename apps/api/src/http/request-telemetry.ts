import type { FastifyInstance } from 'fastify';
import type { PinoLogger } from 'nestjs-pino';
import type { ApiMetrics } from '../ops/metrics';

/**
 * One structured line and one latency sample per request, at the edge, keyed by route pattern (not
 * raw URL) so ids do not explode the metric's labels; 429s and idempotent replays counted from the reply.
 */
export function installRequestTelemetry(fastify: FastifyInstance, logger: PinoLogger, metrics: ApiMetrics): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const seconds = reply.elapsedTime / 1000;
    metrics.httpDuration.observe({ method: request.method, route, status: String(reply.statusCode) }, seconds);
    if (reply.statusCode === 429) metrics.rateLimited.inc({ route });
    if (reply.getHeader('idempotent-replayed') === 'true') metrics.idempotentReplays.inc({ route });
    if (!route.startsWith('/health') && route !== '/metrics') {
      logger.info(
        {
          correlationId: request.id,
          method: request.method,
          route,
          status: reply.statusCode,
          ms: Math.round(reply.elapsedTime),
        },
        'request completed',
      );
    }
    done();
  });
}
