import { pino } from 'pino';
import { ConfigError, stopWithParent } from '@muster/config';
import { loadDevIdpConfig, type DevIdpConfig } from './config';
import { serveDevIdp } from './server';

/** Open connections get this long to finish after SIGTERM/SIGINT before the process exits anyway. */
const SHUTDOWN_TIMEOUT_MS = 5_000;

function configOrExit(): DevIdpConfig {
  try {
    return loadDevIdpConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
}

async function main(): Promise<void> {
  const config = configOrExit();
  const log = pino({ base: { process: 'dev-idp', pid: process.pid } });
  const idp = await serveDevIdp(config, log);
  // The client id and redirect URIs only: never the secret.
  log.info(
    {
      issuer: idp.issuer,
      discovery: `${idp.issuer}/.well-known/openid-configuration`,
      clientId: config.client.id,
      redirectUris: config.client.redirectUris,
      sessionTtlSeconds: config.sessionTtlSeconds,
    },
    'dev-idp listening',
  );
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      log.info({ signal }, 'dev-idp stopping');
      setTimeout(() => {
        process.stderr.write(`dev-idp: shutdown took longer than ${SHUTDOWN_TIMEOUT_MS} ms; exiting\n`);
        process.exit(1);
      }, SHUTDOWN_TIMEOUT_MS).unref();
      idp.close().then(
        () => log.info('dev-idp stopped'),
        (error: unknown) => {
          log.error({ error: String(error) }, 'dev-idp did not stop cleanly');
          process.exitCode = 1;
        },
      );
    });
  }
  // Under `npm start`: stops (as on SIGTERM, handled above) when the script dies without stopping it.
  stopWithParent();
}

main().catch((error: unknown) => {
  process.stderr.write(`dev-idp failed to start: ${error instanceof Error ? String(error.stack) : String(error)}\n`);
  process.exit(1);
});
