import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger, PinoLogger } from 'nestjs-pino';
import { boundShutdown, loadConfigOrExit } from '@muster/config';
import { AppModule } from './app.module';
import { assignCorrelationId, CORRELATION_HEADER } from './http/correlation';
import { installRequestTelemetry } from './http/request-telemetry';
import { LiveIoAdapter } from './live/live-io.adapter';
import { ApiMetrics } from './ops/metrics';
import { TokenVerifier } from './auth/token-verifier';
import { ApiQueues } from './queues/api-queues';
import { installQueueDashboard } from './queues/queue-dashboard';

async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit();
  const adapter = new FastifyAdapter({
    bodyLimit: config.http.bodyLimitBytes,
    trustProxy: true,
    genReqId: assignCorrelationId,
    requestIdHeader: false,
  });
  adapter.getInstance().addHook('onRequest', (request, reply, done) => {
    void reply.header(CORRELATION_HEADER, request.id);
    done();
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  installRequestTelemetry(adapter.getInstance(), await app.resolve(PinoLogger), app.get(ApiMetrics));
  await installQueueDashboard(adapter.getInstance(), app.get(ApiQueues), app.get(TokenVerifier));
  app.useWebSocketAdapter(new LiveIoAdapter(app));
  app.enableShutdownHooks();
  boundShutdown(config.shutdownTimeoutMs);

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Muster')
      .setDescription('Crisis coordination: cells, decision logs, escalations and live status (contract v1).')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });

  await app.listen({ port: config.http.port, host: config.http.host });
  app.get(Logger).log(`api listening on ${await app.getUrl()}`, 'Api');
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`api failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
