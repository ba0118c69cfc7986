import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { Marking, Role } from '@muster/contracts';
import { TEST_JWT_SECRET } from './env';

export interface TokenClaims {
  sub: string;
  name: string;
  roles: Role[];
  /** GSS code, for authority officers. */
  authority?: string;
  /** Cell slugs, for cell leads and members. */
  cells?: string[];
  clearance?: Marking;
}

export interface MintOptions {
  /** jose time span, e.g. '1h', '5m', '-1m' (already expired). Default '1h'. */
  expiresIn?: string;
  secret?: string;
  audience?: string;
  /** `iat`; now unless given (a token minted earlier, still valid). */
  issuedAt?: Date;
}

/** An HS256 token the api under test accepts (signed with TEST_JWT_SECRET, audience 'muster'). */
export async function mintToken(
  claims: Partial<TokenClaims> & { roles: Role[] },
  opts: MintOptions = {},
): Promise<string> {
  const { sub = `test-${randomUUID()}`, name = 'Test User', ...rest } = claims;
  const secret = new TextEncoder().encode(opts.secret ?? TEST_JWT_SECRET);
  return new SignJWT({ name, ...rest })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setAudience(opts.audience ?? 'muster')
    .setIssuedAt(opts.issuedAt)
    .setExpirationTime(opts.expiresIn ?? '1h')
    .sign(secret);
}
