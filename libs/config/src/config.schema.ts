import { z } from 'zod';
import { DEFAULT_ACK_SLA, parseAckSla } from './ack-sla';
import { DURATION_PATTERN, parseDuration } from './duration';
import { channelProblems, channelVariables } from './channels-config';
import { consoleProblems, consoleVariables } from './console-config';
import { deliveryVariables } from './delivery-config';
import { parseOrigins, parseRate } from './rate';

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const optionalUrl = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .pipe(z.url().optional())
  .optional();

const PUBLIC_URL_RULE =
  'an absolute http(s) URL without credentials, query or fragment, such as https://muster.example.gov.uk';

/** Where clients reach the api: links in feeds are built from it, never from the request's Host header. */
function isPublicUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (
      (url.protocol === 'https:' || url.protocol === 'http:') &&
      url.username === '' &&
      url.password === '' &&
      url.search === '' &&
      url.hash === '' &&
      !/[?#]/.test(value)
    );
  } catch {
    return false;
  }
}

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

/** Every variable the processes read. Nothing outside libs/config reads process.env. */
export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }),
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ and - only')
    .default('muster'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  // Loopback unless told otherwise: a development process is not a service for the whole network.
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  PUBLIC_URL: optionalText.pipe(z.string().refine(isPublicUrl, PUBLIC_URL_RULE).optional()),
  // Empty is unset (compose passes AUTH_JWT_SECRET= to run on the JWKS alone); a secret is never trimmed.
  AUTH_JWT_SECRET: z
    .string()
    .transform((value) => (value === '' ? undefined : value))
    .pipe(z.string().min(32, 'must be at least 32 characters').optional())
    .optional(),
  AUTH_JWKS_URL: optionalUrl,
  AUTH_ISSUER: optionalText,
  AUTH_AUDIENCE: z.string().min(1).default('muster'),
  AUTH_ROLES_CLAIM: z.string().min(1).default('roles'),
  REGION_TIMEZONE: z.string().refine(isTimeZone, 'not an IANA time zone').default('Europe/London'),
  REGION_DATA: z.string().min(1).default('data/regions/west-midlands.json'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Unset: pretty in development, JSON lines everywhere else (resolved in loadConfig, which knows NODE_ENV).
  LOG_FORMAT: optionalText.pipe(z.enum(['pretty', 'json']).optional()),
  LIVE_REPLAY_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(50_000),
  LIVE_STREAM_MAXLEN: z.coerce.number().int().min(1000).default(100_000),
  RELAY_POLL_INTERVAL: z.string().regex(DURATION_PATTERN, 'a duration such as 500ms, 2s or 1m').default('1s'),
  HTTP_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(10_485_760).default(262_144),
  SHUTDOWN_TIMEOUT: z.string().regex(DURATION_PATTERN, 'a duration such as 500ms, 2s or 1m').default('10s'),
  ESCALATION_ACK_SLA: z
    .string()
    .default(DEFAULT_ACK_SLA)
    .superRefine((value, ctx) => {
      const problem = ackSlaProblem(value);
      if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
    }),
  ESCALATION_RECONCILE_INTERVAL: z
    .string()
    .regex(DURATION_PATTERN, 'a duration such as 500ms, 2s or 1m')
    .refine((value) => parseDuration(value) > 0, 'must be longer than zero')
    .default('30s'),
  WORKER_METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
  RATE_LIMIT_PER_TOKEN: z.string().default('600/1m').superRefine(parsedBy(parseRate)),
  RATE_LIMIT_PER_ADDRESS: z.string().default('1200/1m').superRefine(parsedBy(parseRate)),
  CORS_ORIGINS: z.string().default('').superRefine(parsedBy(parseOrigins)),
  TRUST_PROXY: z
    .string()
    .regex(/^(|true|false|\d+|[0-9a-fA-F.:/,\s]+)$/, 'true, false, a number of hops, or proxy addresses/CIDRs')
    .default('false'),
  LIVE_TOPICS_PER_SOCKET: z.coerce.number().int().min(1).max(10_000).default(100),
  LIVE_REPLAYS_PER_SOCKET: z.string().default('10/1m').superRefine(parsedBy(parseRate)),
  ...consoleVariables,
  ...deliveryVariables,
  ...channelVariables,
});

/** Reports a parser's error as the variable's problem, so a bad value names itself at boot. */
function parsedBy(parse: (value: string) => unknown): (value: string, ctx: z.RefinementCtx) => void {
  return (value, ctx) => {
    try {
      parse(value);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message : String(error) });
    }
  };
}

function ackSlaProblem(value: string): string | undefined {
  try {
    parseAckSla(value);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** The secret `npm start` signs development tokens with when AUTH_JWT_SECRET is not set (scripts/start.mjs). */
export const DEVELOPMENT_JWT_SECRET = 'muster-development-secret-do-not-use-in-production';

/**
 * Secrets published in this repository (npm start and the compose file's default, the tests'). In
 * production any of them would let anyone mint an administrator's token.
 */
export const KNOWN_SECRETS: readonly string[] = [
  DEVELOPMENT_JWT_SECRET,
  'muster-test-secret-not-for-production-0123456789',
];

/**
 * Rules between variables. Checked on the raw environment, beside the schema, so that one start
 * reports every bad variable rather than stopping at the first failing group.
 */
export function crossFieldProblems(
  env: Record<string, string | undefined>,
): Array<{ variable: string; message: string }> {
  const present = (name: string) => (env[name] ?? '').trim() !== '';
  const problems: Array<{ variable: string; message: string }> = [];
  const jwks = present('AUTH_JWKS_URL');
  if (!jwks && !present('AUTH_JWT_SECRET')) {
    problems.push({ variable: 'AUTH_JWT_SECRET', message: 'required unless AUTH_JWKS_URL is set' });
  }
  if (jwks && !present('AUTH_ISSUER')) {
    problems.push({ variable: 'AUTH_ISSUER', message: 'required with AUTH_JWKS_URL' });
  }
  if (env.NODE_ENV === 'production' && !jwks) {
    problems.push({
      variable: 'AUTH_JWKS_URL',
      message: 'required in production (shared-secret tokens are for development and tests)',
    });
  }
  if (env.NODE_ENV === 'production' && !present('PUBLIC_URL')) {
    problems.push({ variable: 'PUBLIC_URL', message: 'required in production (the address clients reach the api at)' });
  }
  if (env.NODE_ENV === 'production' && KNOWN_SECRETS.includes(env.AUTH_JWT_SECRET ?? '')) {
    problems.push({
      variable: 'AUTH_JWT_SECRET',
      message:
        'is a published development or test secret: anyone could sign tokens with it; unset it, or set a secret of your own',
    });
  }
  problems.push(...consoleProblems(env));
  problems.push(...channelProblems(env));
  return problems;
}

export type ConfigInput = z.input<typeof configSchema>;
