import { configSchema, crossFieldProblems, DEVELOPMENT_JWT_SECRET } from './config.schema';
import { channelsConfig, ChannelsConfig } from './channels-config';
import { consoleConfig, ConsoleConfig } from './console-config';
import { deliveryConfig, type DeliveryConfig } from './delivery-config';
import { parseAckSla } from './ack-sla';
import { parseDuration } from './duration';
import { parseOrigins, parseRate, Rate } from './rate';

/** The typed configuration every process receives, validated once at boot. */
export interface Config {
  env: 'development' | 'test' | 'production';
  database: { url: string; poolSize: number };
  redis: { url: string; prefix: string };
  http: {
    port: number;
    host: string;
    /** Where clients reach the api (no trailing slash): the base of every absolute link it writes. */
    publicUrl: string;
    bodyLimitBytes: number;
    /** Exact origins allowed cross-origin (HTTP and sockets); empty means no CORS headers at all. */
    corsOrigins: string[];
    /** Which proxies' X-Forwarded-For to believe (Fastify's trustProxy): never by default. */
    trustProxy: boolean | number | string[];
  };
  /** Undefined means that limit is off. */
  rateLimit: { perToken?: Rate; perAddress?: Rate };
  auth: {
    jwtSecret?: string;
    jwksUrl?: string;
    issuer?: string;
    audience: string;
    rolesClaim: string;
  };
  region: { timeZone: string; dataFile: string };
  /** People in a browser: OpenID Connect sign-in and sessions. */
  console: ConsoleConfig;
  /** Notifications: retries and the send lease. */
  delivery: DeliveryConfig;
  /** Email, SMS, Teams and signed webhooks: what is configured, and with what. */
  channels: ChannelsConfig;
  live: {
    replayLimit: number;
    streamMaxLength: number;
    /** Topics one socket may have joined at once. */
    topicsPerSocket: number;
    /** Subscribes with `after` (replays) one socket may send; undefined means unbounded. */
    replaysPerSocket?: Rate;
  };
  relay: { pollIntervalMs: number };
  escalation: {
    ackSlaMs: { critical: number; high: number; medium: number; low: number };
    reconcileIntervalMs: number;
  };
  /** 0 means the worker serves no metrics endpoint. */
  worker: { metricsPort: number };
  logLevel: string;
  /** `pretty` (pino-pretty, for people) or `json` (one line per entry, for machines); the same redaction either way. */
  logFormat: 'pretty' | 'json';
  shutdownTimeoutMs: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: ReadonlyArray<{ variable: string; message: string }>) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Validates the environment, reporting every bad variable at once. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = configSchema.safeParse(env);
  const problems = [
    ...(parsed.success
      ? []
      : parsed.error.issues.map((issue) => ({
          variable: issue.path.map(String).join('.') || '(environment)',
          message: issue.message,
        }))),
    ...crossFieldProblems(env),
  ];
  if (!parsed.success || problems.length > 0) {
    throw new ConfigError(problems);
  }
  const v = parsed.data;
  return {
    env: v.NODE_ENV,
    database: { url: v.DATABASE_URL, poolSize: v.DATABASE_POOL_SIZE },
    redis: { url: v.REDIS_URL, prefix: v.REDIS_PREFIX },
    http: {
      port: v.PORT,
      host: v.HOST,
      publicUrl: (v.PUBLIC_URL ?? `http://127.0.0.1:${v.PORT}`).replace(/\/+$/, ''),
      bodyLimitBytes: v.HTTP_BODY_LIMIT_BYTES,
      corsOrigins: parseOrigins(v.CORS_ORIGINS),
      trustProxy: parseTrustProxy(v.TRUST_PROXY),
    },
    rateLimit: { perToken: parseRate(v.RATE_LIMIT_PER_TOKEN), perAddress: parseRate(v.RATE_LIMIT_PER_ADDRESS) },
    auth: {
      jwtSecret: v.AUTH_JWT_SECRET,
      jwksUrl: v.AUTH_JWKS_URL,
      issuer: v.AUTH_ISSUER,
      audience: v.AUTH_AUDIENCE,
      rolesClaim: v.AUTH_ROLES_CLAIM,
    },
    region: { timeZone: v.REGION_TIMEZONE, dataFile: v.REGION_DATA },
    console: consoleConfig(v, v.AUTH_ROLES_CLAIM),
    delivery: deliveryConfig(v),
    channels: channelsConfig(v, env),
    live: {
      replayLimit: v.LIVE_REPLAY_LIMIT,
      streamMaxLength: v.LIVE_STREAM_MAXLEN,
      topicsPerSocket: v.LIVE_TOPICS_PER_SOCKET,
      replaysPerSocket: parseRate(v.LIVE_REPLAYS_PER_SOCKET),
    },
    relay: { pollIntervalMs: parseDuration(v.RELAY_POLL_INTERVAL) },
    escalation: {
      ackSlaMs: parseAckSla(v.ESCALATION_ACK_SLA),
      reconcileIntervalMs: parseDuration(v.ESCALATION_RECONCILE_INTERVAL),
    },
    worker: { metricsPort: v.WORKER_METRICS_PORT },
    logLevel: v.LOG_LEVEL,
    logFormat: v.LOG_FORMAT ?? (v.NODE_ENV === 'development' ? 'pretty' : 'json'),
    shutdownTimeoutMs: parseDuration(v.SHUTDOWN_TIMEOUT),
  };
}

/** For process entry points: a bad environment stops the process with every problem named. */
export function loadConfigOrExit(env: Record<string, string | undefined> = process.env): Config {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
}

export { DEVELOPMENT_JWT_SECRET };

/**
 * For the development token command, which needs only the signing settings. Without AUTH_JWT_SECRET it
 * uses the secret `npm start` runs with, so `npm run token` works beside it; never in production.
 */
export function loadDevelopmentSigning(env: Record<string, string | undefined> = process.env): {
  secret: string;
  audience: string;
} {
  if (env.NODE_ENV === 'production') {
    throw new ConfigError([{ variable: 'NODE_ENV', message: 'development tokens are not minted in production' }]);
  }
  const secret = env.AUTH_JWT_SECRET ?? DEVELOPMENT_JWT_SECRET;
  if (secret.length < 32) {
    throw new ConfigError([{ variable: 'AUTH_JWT_SECRET', message: 'must be at least 32 characters' }]);
  }
  return { secret, audience: env.AUTH_AUDIENCE ?? 'muster' };
}

/**
 * `false` (the default: a client could otherwise pick its own address and dodge the address limit),
 * `true` (every hop; only behind a proxy that strips the header), a number of hops, or the proxies'
 * addresses and CIDR ranges, comma-separated.
 */
export function parseTrustProxy(text: string): boolean | number | string[] {
  const value = text.trim();
  if (value === '' || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}

/**
 * For commands that build the module graph but connect to nothing (the OpenAPI document): the
 * environment's configuration, with placeholders for the connection settings and secret it does not set.
 */
export function loadOfflineConfig(env: Record<string, string | undefined> = process.env): Config {
  const set = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const placeholders = { DATABASE_URL: 'postgres://offline@127.0.0.1/offline', REDIS_URL: 'redis://127.0.0.1:6379' };
  const tokens = set.AUTH_JWKS_URL === undefined ? { AUTH_JWT_SECRET: DEVELOPMENT_JWT_SECRET } : {};
  return loadConfig({ ...placeholders, ...tokens, ...set });
}
