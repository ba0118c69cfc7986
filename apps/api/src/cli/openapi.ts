import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { fatalLine, loadOfflineConfig } from '@muster/config';
import { AppModule } from '../app.module';
import { openApiDocument } from '../http/openapi';

const usage = `Writes the api's OpenAPI document, as /docs-json serves it, without connecting to anything.

  npm run openapi -- [--out dist/openapi.json]

The module graph is built in Nest's preview mode: no provider is instantiated, so neither PostgreSQL nor
Redis is needed. PUBLIC_URL (or PORT) sets the document's server.`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { out: { type: 'string', default: 'dist/openapi.json' }, help: { type: 'boolean' } },
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  const config = loadOfflineConfig();
  // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- Nest declares its options as classes and documents plain objects
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), new FastifyAdapter(), {
    preview: true,
    abortOnError: false,
    logger: false,
  });
  const document = openApiDocument(app, config);
  mkdirSync(path.dirname(values.out), { recursive: true });
  writeFileSync(values.out, `${JSON.stringify(document, null, 2)}\n`);
  process.stdout.write(`${values.out}: ${Object.keys(document.paths).length} paths\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(fatalLine('openapi', 'could not write the OpenAPI document', error));
  process.exit(1);
});
