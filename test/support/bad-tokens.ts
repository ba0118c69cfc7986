import { SignJWT } from 'jose';
import { TEST_JWT_SECRET } from './env';
import { mintToken } from './tokens';

/** Tokens the api must refuse (401 on HTTP, `unauthorized` at the socket handshake), by what is wrong with them. */
export type BadTokenKind = 'expired' | 'wrong-secret' | 'wrong-audience' | 'alg-none' | 'missing-sub' | 'malformed';

const base64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * One token per kind, each otherwise valid and carrying the `regional-coordinator` role with clearance, so a
 * refusal can only come from the defect named.
 */
export async function badTokens(): Promise<Record<BadTokenKind, string>> {
  const claims = { roles: ['regional-coordinator' as const], clearance: 'OFFICIAL-SENSITIVE' as const };
  const now = Math.floor(Date.now() / 1000);
  return {
    expired: await mintToken(claims, { expiresIn: '-1m' }),
    'wrong-secret': await mintToken(claims, { secret: 'not-the-muster-test-secret-0123456789abcdef' }),
    'wrong-audience': await mintToken(claims, { audience: 'not-muster' }),
    'alg-none': `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({
      sub: 'alg-none',
      name: 'Unsigned',
      aud: 'muster',
      iat: now,
      exp: now + 3600,
      ...claims,
    })}.`,
    'missing-sub': await new SignJWT({ name: 'No Subject', ...claims })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setAudience('muster')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(TEST_JWT_SECRET)),
    malformed: 'not-a-jwt',
  };
}

/** A valid token whose `roles` are all unknown to Muster (they are ignored: the caller has no role, so 403). */
export async function unknownRoleToken(roles: string[] = ['superuser', 'Muster.Admin']): Promise<string> {
  return new SignJWT({ name: 'Unknown Roles', roles, clearance: 'OFFICIAL-SENSITIVE' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject('unknown-roles')
    .setAudience('muster')
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(TEST_JWT_SECRET));
}
