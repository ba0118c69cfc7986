import { z } from 'zod';
import { DURATION_PATTERN, parseDuration } from './duration';

/** The console's sign-in (OpenID Connect) and sessions; undefined `oidc` means nobody can sign in. */
export interface ConsoleConfig {
  oidc?: {
    issuer: string;
    clientId: string;
    clientSecret: string;
    /** Space-separated, as sent in the authorization request (`openid profile`; Entra ID adds `offline_access`). */
    scopes: string;
    /** Which ID token claim carries each of Muster's claims. */
    claims: { roles: string; authority: string; cells: string; clearance: string };
  };
  /** A session ends this long after sign-in at the latest, whatever the provider says. */
  sessionMaxAgeMs: number;
}

const unsetIfEmpty = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value));

const claimName = z.string().trim().min(1).max(200).optional();

/** The console's variables, merged into the process schema (config.schema.ts). */
export const consoleVariables = {
  OIDC_ISSUER: unsetIfEmpty
    .pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional())
    .optional(),
  OIDC_CLIENT_ID: unsetIfEmpty
    .pipe(
      z
        .string()
        .regex(/^[\x21-\x7e]{1,200}$/, 'printable ASCII without spaces')
        .optional(),
    )
    .optional(),
  // A secret is never trimmed; empty means unset.
  OIDC_CLIENT_SECRET: z
    .string()
    .transform((value) => (value === '' ? undefined : value))
    .pipe(z.string().min(16, 'must be at least 16 characters').optional())
    .optional(),
  OIDC_SCOPES: z
    .string()
    .trim()
    .regex(/^[\x21-\x7e]+( [\x21-\x7e]+)*$/, 'scopes separated by single spaces')
    .refine((value) => value.split(' ').includes('openid'), 'must include openid')
    .default('openid profile'),
  OIDC_ROLES_CLAIM: claimName,
  OIDC_AUTHORITY_CLAIM: z.string().trim().min(1).max(200).default('authority'),
  OIDC_CELLS_CLAIM: z.string().trim().min(1).max(200).default('cells'),
  OIDC_CLEARANCE_CLAIM: z.string().trim().min(1).max(200).default('clearance'),
  SESSION_MAX_AGE: z
    .string()
    .regex(DURATION_PATTERN, 'a duration such as 30m, 8h or 43200')
    .refine((value) => parseDuration(value) >= 60_000, 'must be at least 1m')
    .refine((value) => parseDuration(value) <= 7 * 24 * 3_600_000, 'must be at most 168h')
    .default('12h'),
};

type Problem = { variable: string; message: string };

const OIDC_TOGETHER = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const;

/** The three OIDC variables come together; in production the provider is reached over https only. */
export function consoleProblems(env: Record<string, string | undefined>): Problem[] {
  const present = (name: string) => (env[name] ?? '').trim() !== '';
  const problems: Problem[] = [];
  const given = OIDC_TOGETHER.filter(present);
  if (given.length > 0 && given.length < OIDC_TOGETHER.length) {
    for (const name of OIDC_TOGETHER.filter((n) => !present(n))) {
      problems.push({
        variable: name,
        message: `required with ${given.join(' and ')} (the console's sign-in needs all three)`,
      });
    }
  }
  if (given.length > 0 && present('PUBLIC_URL') && !/^https?:\/\/[^/]+\/?$/.test((env.PUBLIC_URL ?? '').trim())) {
    // The console's links, assets and `__Host-` cookie live at the root of its origin.
    problems.push({
      variable: 'PUBLIC_URL',
      message: 'must be an origin without a path when the console signs people in (OIDC_ISSUER)',
    });
  }
  if (
    env.NODE_ENV === 'production' &&
    present('OIDC_ISSUER') &&
    !(env.OIDC_ISSUER ?? '').trim().startsWith('https://')
  ) {
    problems.push({
      variable: 'OIDC_ISSUER',
      message: 'must be https in production (tokens and secrets travel to it)',
    });
  }
  return problems;
}

interface ConsoleValues {
  OIDC_ISSUER?: string | undefined;
  OIDC_CLIENT_ID?: string | undefined;
  OIDC_CLIENT_SECRET?: string | undefined;
  OIDC_SCOPES: string;
  OIDC_ROLES_CLAIM?: string | undefined;
  OIDC_AUTHORITY_CLAIM: string;
  OIDC_CELLS_CLAIM: string;
  OIDC_CLEARANCE_CLAIM: string;
  SESSION_MAX_AGE: string;
}

/** The roles claim follows AUTH_ROLES_CLAIM unless OIDC_ROLES_CLAIM names another. */
export function consoleConfig(v: ConsoleValues, authRolesClaim: string): ConsoleConfig {
  const { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret } = v;
  return {
    ...(issuer !== undefined && clientId !== undefined && clientSecret !== undefined
      ? {
          oidc: {
            issuer,
            clientId,
            clientSecret,
            scopes: v.OIDC_SCOPES,
            claims: {
              roles: v.OIDC_ROLES_CLAIM ?? authRolesClaim,
              authority: v.OIDC_AUTHORITY_CLAIM,
              cells: v.OIDC_CELLS_CLAIM,
              clearance: v.OIDC_CLEARANCE_CLAIM,
            },
          },
        }
      : {}),
    sessionMaxAgeMs: parseDuration(v.SESSION_MAX_AGE),
  };
}
