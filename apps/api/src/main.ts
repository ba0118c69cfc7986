import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger, PinoLogger } from 'nestjs-pino';
import { boundShutdown, exitOnUncaught, fatalLine, loadConfigOrExit, stopWithParent } from '@muster/config';
import { AppModule } from './app.module';
import { assignCorrelationId, CORRELATION_HEADER } from './http/correlation';
import { httpCors } from './http/cors';
import { frameworkErrors } from './http/framework-errors';
import { installOpenApi, openApiDocument } from './http/openapi';
import { installRequestTelemetry } from './http/request-telemetry';
import { installSecurityHeaders } from './http/security-headers';
import { installRateLimit } from './limits/rate-limit.hook';
import { RateLimiter } from './limits/rate-limiter';
import { LiveIoAdapter } from './live/live-io.adapter';
import { ApiMetrics } from './ops/metrics';
import { TokenVerifier } from './auth/token-verifier';
import { ApiQueues } from './queues/api-queues';
import { installQueueDashboard } from './queues/queue-dashboard';
import { installConsole } from './console/console';
import { consoleCsp } from './console/setup/security-headers';

async function bootstrap(): Promise<void> {
  exitOnUncaught('api');
  const config = loadConfigOrExit();
  const adapter = new FastifyAdapter({
    bodyLimit: config.http.bodyLimitBytes,
    // A hop count trusts the nearest N proxies (Fastify takes it as a function of the hop).
    trustProxy:
      typeof config.http.trustProxy === 'number'
        ? (
            (hops: number) => (_address: string, hop: number) =>
              hop < hops
          )(config.http.trustProxy)
        : config.http.trustProxy,
    genReqId: assignCorrelationId,
    requestIdHeader: false,
    frameworkErrors,
  });
  adapter.getInstance().addHook('onRequest', (request, reply, done) => {
    void reply.header(CORRELATION_HEADER, request.id);
    done();
  });
  // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- Nest declares its options as classes and documents plain objects
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  const cors = httpCors(config.http.corsOrigins);
  if (cors !== undefined) app.enableCors(cors);
  // Before any route (the dashboard's, Swagger's, Nest's) so each gets its headers; the limiter after, so
  // that a 429 carries them too.
  const oidcIssuer = config.console.oidc?.issuer;
  installSecurityHeaders(
    adapter.getInstance(),
    consoleCsp(oidcIssuer === undefined ? undefined : new URL(oidcIssuer).origin),
  );
  installRateLimit(adapter.getInstance(), app.get(RateLimiter), app.get(TokenVerifier));
  installRequestTelemetry(adapter.getInstance(), await app.resolve(PinoLogger), app.get(ApiMetrics));
  await installQueueDashboard(adapter.getInstance(), app.get(ApiQueues), app.get(TokenVerifier), {
    secureCookie: config.env !== 'development',
  });
  await installConsole(adapter.getInstance(), app, config, await app.resolve(PinoLogger));
  app.useWebSocketAdapter(new LiveIoAdapter(app, config.http.corsOrigins, new URL(config.http.publicUrl).origin));
  // Only the stop signals: Nest's default list includes SIGUSR2 and SIGHUP, which tools use for other things.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  boundShutdown(config.shutdownTimeoutMs);
  stopWithParent();

  installOpenApi(app, openApiDocument(app, config));

  await app.listen({ port: config.http.port, host: config.http.host });
  app.get(Logger).log(`api listening on ${await app.getUrl()}`, 'Api');
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(fatalLine('api', 'api failed to start', error));
  process.exit(1);
});
