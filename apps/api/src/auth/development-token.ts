import { SignJWT } from 'jose';
import { Marking, Role } from '@muster/contracts';

export interface DevelopmentClaims {
  sub: string;
  name: string;
  roles: Role[];
  authority?: string;
  cells?: string[];
  clearance?: Marking;
}

/** Signs a development token (HS256, shared secret). Production tokens come from the identity provider. */
export async function mintDevelopmentToken(
  claims: DevelopmentClaims,
  signing: { secret: string; audience: string },
  expiresIn = '8h',
): Promise<string> {
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub)
    .setAudience(signing.audience)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(signing.secret));
}
