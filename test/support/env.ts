import * as path from 'node:path';

/** The repository root (test/support is two levels down). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** HS256 secret the api and worker under test are started with; `mintToken` signs with it by default. */
export const TEST_JWT_SECRET = 'muster-test-secret-not-for-production-0123456789';

export const DEFAULT_PG_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/** Variables Muster processes read; processes under test never inherit them from the developer's shell. */
export const MUSTER_ENV_KEYS = [
  'DATABASE_URL',
  'DATABASE_POOL_SIZE',
  'REDIS_URL',
  'REDIS_PREFIX',
  'PORT',
  'HOST',
  'PUBLIC_URL',
  'AUTH_JWT_SECRET',
  'AUTH_JWKS_URL',
  'AUTH_ISSUER',
  'AUTH_AUDIENCE',
  'AUTH_ROLES_CLAIM',
  'LOG_LEVEL',
  'CHANNEL_TIMEOUT',
  'SMTP_URL',
  'SMTP_FROM',
  'NOTIFY_API_KEY',
  'NOTIFY_EMAIL_TEMPLATE_ID',
  'NOTIFY_SMS_TEMPLATE_ID',
  'NOTIFY_BASE_URL',
  'TEAMS_WEBHOOK_HOSTS',
  'WEBHOOK_SUBSCRIBERS',
  'DEV_INBOX_PORT',
  'LOG_FORMAT',
  'REGION_DATA',
  'REGION_TIMEZONE',
  'ESCALATION_ACK_SLA',
  'ESCALATION_RECONCILE_INTERVAL',
  'WORKER_METRICS_PORT',
  'RELAY_POLL_INTERVAL',
  'LIVE_REPLAY_LIMIT',
  'LIVE_STREAM_MAXLEN',
  'HTTP_BODY_LIMIT_BYTES',
  'SHUTDOWN_TIMEOUT',
  'RATE_LIMIT_PER_TOKEN',
  'RATE_LIMIT_PER_ADDRESS',
  'CORS_ORIGINS',
  'TRUST_PROXY',
  'LIVE_TOPICS_PER_SOCKET',
  'LIVE_REPLAYS_PER_SOCKET',
  'OIDC_ISSUER',
  'OIDC_CLIENT_ID',
  'OIDC_CLIENT_SECRET',
  'OIDC_SCOPES',
  'OIDC_ROLES_CLAIM',
  'OIDC_AUTHORITY_CLAIM',
  'OIDC_CELLS_CLAIM',
  'OIDC_CLEARANCE_CLAIM',
  'SESSION_MAX_AGE',
  'NODE_ENV',
] as const;

/** What the jest global setup exports to the test workers through process.env. */
export const CONTEXT_KEYS = {
  runId: 'MUSTER_TEST_RUN_ID',
  templateDb: 'MUSTER_TEST_TEMPLATE_DB',
  pgAdminUrl: 'MUSTER_TEST_PG_ADMIN_URL',
  redisUrl: 'MUSTER_TEST_REDIS_URL',
} as const;

export interface TestContext {
  /** Unique per run: prefixes every database and Redis key the run creates. */
  runId: string;
  templateDb: string;
  pgAdminUrl: string;
  redisUrl: string;
}

export function testContext(): TestContext {
  const read = (key: string): string => {
    const value = process.env[key];
    if (!value) {
      throw new Error(
        `${key} is not set: this helper needs the integration/e2e global setup ` +
          `(run with \`jest --selectProjects integration\` or \`e2e\`, not the unit project).`,
      );
    }
    return value;
  };
  return {
    runId: read(CONTEXT_KEYS.runId),
    templateDb: read(CONTEXT_KEYS.templateDb),
    pgAdminUrl: read(CONTEXT_KEYS.pgAdminUrl),
    redisUrl: read(CONTEXT_KEYS.redisUrl),
  };
}

export interface MusterEnvOptions {
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
  port?: number;
  env?: Record<string, string | undefined>;
}

/** The environment for a Muster process under test: the shell's env without Muster's own keys, then ours. */
export function musterEnv(opts: MusterEnvOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of MUSTER_ENV_KEYS) delete env[key];
  Object.assign(env, {
    NODE_ENV: 'test',
    DATABASE_URL: opts.databaseUrl,
    REDIS_URL: opts.redisUrl,
    REDIS_PREFIX: opts.redisPrefix,
    AUTH_JWT_SECRET: TEST_JWT_SECRET,
    LOG_LEVEL: 'warn',
    // Every test client shares 127.0.0.1, and load and fault tests send far more than a person would:
    // the limits are off unless a test about them turns them on (test/security/abuse-limits).
    RATE_LIMIT_PER_TOKEN: 'off',
    RATE_LIMIT_PER_ADDRESS: 'off',
  });
  if (opts.port !== undefined) Object.assign(env, { PORT: String(opts.port), HOST: '127.0.0.1' });
  for (const [key, value] of Object.entries(opts.env ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

/** `postgres://…/postgres` → `postgres://…/<database>`. */
export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
