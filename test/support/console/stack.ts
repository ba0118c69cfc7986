import { createTestDatabase, type TestDatabase } from '../database';
import { freePort } from '../processes/free-port';
import {
  startApi,
  startDevIdp,
  startWorker,
  type ApiHandle,
  type DevIdpHandle,
  type WorkerHandle,
} from '../processes/start';
import { uniqueRedisPrefix } from '../redis';

export interface ConsoleStackOptions {
  /** How many api processes share the database (each is a redirect URI at the provider). Default 1. */
  apis?: number;
  /** For the provider, e.g. DEV_IDP_SESSION_TTL. */
  idpEnv?: Record<string, string | undefined>;
  /** For every api and the worker. */
  env?: Record<string, string | undefined>;
  /** A Redis of the test's own (startRedisServer), for tests that wipe it. */
  redisUrl?: string;
}

/** The console as people use it: the development sign-in service, the api(s) configured for it, a worker. */
export interface ConsoleStack {
  idp: DevIdpHandle;
  apis: ApiHandle[];
  /** The first api: where the provider sends its back-channel logout and people return after signing out. */
  api: ApiHandle;
  worker: WorkerHandle;
  db: TestDatabase;
  redisPrefix: string;
}

/**
 * Chooses the apis' ports first, so the provider can be told where to send people back
 * (DEV_IDP_REDIRECT_URIS) before any api starts with OIDC_ISSUER pointing at it.
 */
export async function startConsoleStack(options: ConsoleStackOptions = {}): Promise<ConsoleStack> {
  const ports = await Promise.all(Array.from({ length: options.apis ?? 1 }, () => freePort()));
  const origins = ports.map((port) => `http://127.0.0.1:${port}`);
  const idp = await startDevIdp({
    env: {
      DEV_IDP_REDIRECT_URIS: origins.map((origin) => `${origin}/auth/callback`).join(','),
      DEV_IDP_POST_LOGOUT_REDIRECT_URIS: origins.map((origin) => `${origin}/signed-out`).join(','),
      DEV_IDP_BACKCHANNEL_LOGOUT_URI: `${String(origins[0])}/auth/backchannel-logout`,
      ...options.idpEnv,
    },
  });
  const db = await createTestDatabase();
  const redisPrefix = uniqueRedisPrefix();
  const env = {
    OIDC_ISSUER: idp.issuer,
    OIDC_CLIENT_ID: idp.clientId,
    OIDC_CLIENT_SECRET: idp.clientSecret,
    ...options.env,
  };
  const common = {
    databaseUrl: db.url,
    redisPrefix,
    env,
    ...(options.redisUrl === undefined ? {} : { redisUrl: options.redisUrl }),
  };
  const worker = await startWorker(common);
  const apis: ApiHandle[] = [];
  for (const port of ports) apis.push(await startApi({ ...common, port }));
  const [api] = apis;
  if (api === undefined) throw new Error('a console stack needs at least one api');
  return { idp, apis, api, worker, db, redisPrefix };
}
