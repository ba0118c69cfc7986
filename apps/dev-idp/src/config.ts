import { z } from 'zod';
import { ConfigError, parseDuration } from '@muster/config';

/** The client secret `npm start` and the tests use when OIDC_CLIENT_SECRET is not set. */
export const DEVELOPMENT_CLIENT_SECRET = 'muster-console-development-secret-not-for-production';

/** The development OpenID provider's settings, validated once at start. */
export interface DevIdpConfig {
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  /** Undefined: `http://<host>:<port actually bound>`. */
  issuer?: string;
  client: {
    id: string;
    secret: string;
    redirectUris: string[];
    postLogoutRedirectUris: string[];
    /** Where the provider POSTs a logout token when a session ends by sign-out; none when undefined. */
    backchannelLogoutUri?: string;
  };
  /** How long a sign-in lasts, counted from the moment of signing in. */
  sessionTtlSeconds: number;
  /** The region file whose authorities and cells the sign-in form offers. */
  regionDataFile: string;
}

const httpUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
  .refine((value) => !value.includes('#'), 'must not have a fragment');

const urlList = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean),
  )
  .pipe(z.array(httpUrl).min(1, 'must list at least one URL'));

const schema = z.object({
  NODE_ENV: z
    .string()
    .default('development')
    .refine((value) => value !== 'production', 'the development sign-in service never runs in production')
    .pipe(z.enum(['development', 'test'])),
  DEV_IDP_HOST: z.string().min(1).default('127.0.0.1'),
  DEV_IDP_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
  DEV_IDP_ISSUER: httpUrl
    .refine((value) => !value.includes('?'), 'must not have a query')
    .refine((value) => !value.endsWith('/'), 'must not end with /')
    .optional(),
  OIDC_CLIENT_ID: z
    .string()
    .regex(/^[\x21-\x7e]{1,200}$/, 'printable ASCII without spaces')
    .default('muster-console'),
  OIDC_CLIENT_SECRET: z.string().min(16, 'must be at least 16 characters').default(DEVELOPMENT_CLIENT_SECRET),
  DEV_IDP_REDIRECT_URIS: urlList.default(['http://127.0.0.1:3000/auth/callback']),
  DEV_IDP_POST_LOGOUT_REDIRECT_URIS: urlList.default(['http://127.0.0.1:3000/']),
  DEV_IDP_BACKCHANNEL_LOGOUT_URI: httpUrl.optional(),
  DEV_IDP_SESSION_TTL: z
    .string()
    .regex(/^\d+(ms|s|m|h)?$/, 'a duration such as 30s, 15m or 8h')
    .transform((value) => Math.floor(parseDuration(value) / 1000))
    .refine((seconds) => seconds >= 1, 'must be at least 1s')
    .default(8 * 3600),
  REGION_DATA: z.string().min(1).default('data/regions/west-midlands.json'),
});

/** Validates the environment, naming every bad variable at once. An empty variable counts as unset. */
export function loadDevIdpConfig(env: Record<string, string | undefined>): DevIdpConfig {
  const set = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''));
  const parsed = schema.safeParse(set);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? '(environment)'),
        // A list's bad entry by its position, e.g. the second redirect URI.
        message: typeof issue.path[1] === 'number' ? `entry ${issue.path[1] + 1}: ${issue.message}` : issue.message,
      })),
    );
  }
  const v = parsed.data;
  return {
    host: v.DEV_IDP_HOST,
    port: v.DEV_IDP_PORT,
    issuer: v.DEV_IDP_ISSUER,
    client: {
      id: v.OIDC_CLIENT_ID,
      secret: v.OIDC_CLIENT_SECRET,
      redirectUris: v.DEV_IDP_REDIRECT_URIS,
      postLogoutRedirectUris: v.DEV_IDP_POST_LOGOUT_REDIRECT_URIS,
      backchannelLogoutUri: v.DEV_IDP_BACKCHANNEL_LOGOUT_URI,
    },
    sessionTtlSeconds: v.DEV_IDP_SESSION_TTL,
    regionDataFile: v.REGION_DATA,
  };
}
