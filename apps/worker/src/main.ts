import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { boundShutdown, exitOnUncaught, fatalLine, loadConfigOrExit, stopWithParent } from '@muster/config';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  exitOnUncaught('worker');
  const config = loadConfigOrExit();
  // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- Nest declares its options as classes and documents plain objects
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  const logger = app.get(Logger);
  app.useLogger(logger);
  // Only the stop signals: Nest's default list includes SIGUSR2 and SIGHUP, which tools use for other things.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  boundShutdown(config.shutdownTimeoutMs);
  stopWithParent();
  await app.init();
  logger.log('worker ready', 'Worker');
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(fatalLine('worker', 'worker failed to start', error));
  process.exit(1);
});
