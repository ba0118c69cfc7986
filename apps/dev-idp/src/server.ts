import { generateKeyPair, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import type { Logger } from 'pino';
import type { JWK } from 'oidc-provider';
import { loadRegionFile } from '@muster/config';
import { AccountDirectory } from './accounts';
import type { DevIdpConfig } from './config';
import { interactionRoutes } from './interactions';
import type { RegionChoices } from './pages/sign-in.page';
import { DEMO_PEOPLE } from './people';
import { createProvider } from './provider';
import { securityHeaders } from './security-headers';

export interface DevIdp {
  readonly issuer: string;
  /** Stops accepting connections and waits for the open ones to finish. */
  close(): Promise<void>;
}

// Koa's callback answers with a promise it settles itself (its own error handling), so none is awaited here.
type Handler = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>;

/**
 * Listens first, so that port 0 (tests) can name the issuer after the port it got; until the provider
 * is ready every request is answered 503.
 */
export async function serveDevIdp(config: DevIdpConfig, log: Logger): Promise<DevIdp> {
  const region = await regionChoices(config.regionDataFile);
  let handle: Handler = (_request, response) => {
    response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '1' }).end('starting\n');
  };
  const server = createServer((request, response) => void handle(request, response));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const issuer = config.issuer ?? `http://${hostInUrl(config.host)}:${(server.address() as AddressInfo).port}`;

  const accounts = new AccountDirectory(DEMO_PEOPLE);
  const provider = createProvider({
    issuer,
    config,
    accounts,
    signingKeys: [await signingKey()],
    cookieKeys: [randomBytes(32).toString('base64url')],
  });
  provider.on('server_error', (_ctx, error: Error) =>
    log.error({ error: { name: error.name, message: error.message } }, 'provider error'),
  );
  provider.on('backchannel.error', (_ctx, error: Error) =>
    log.warn({ error: { name: error.name, message: error.message } }, 'back-channel logout not delivered'),
  );
  provider.use(securityHeaders([...config.client.redirectUris, ...config.client.postLogoutRedirectUris]));
  provider.use(
    interactionRoutes({
      provider,
      accounts,
      region,
      issuerOrigin: new URL(issuer).origin,
      log,
    }),
  );
  handle = provider.callback();
  return {
    issuer,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeIdleConnections();
      }),
  };
}

/** The region's current authorities and its cells, for the sign-in form. */
async function regionChoices(file: string): Promise<RegionChoices> {
  const region = await loadRegionFile(file);
  const today = new Date().toISOString().slice(0, 10);
  return {
    authorities: region.authorities
      .filter((a) => a.validFrom <= today && (a.validTo === undefined || a.validTo >= today))
      .map((a) => ({ code: a.code, name: a.name }))
      .sort((a, b) => a.name.localeCompare(b.name, 'en-GB')),
    cells: region.cells.map((c) => c.slug),
  };
}

/** A fresh RS256 key each start: relying parties fetch the JWKS again when they meet a new `kid`. */
async function signingKey(): Promise<JWK> {
  const { privateKey } = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), use: 'sig', alg: 'RS256' };
}

function hostInUrl(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}
