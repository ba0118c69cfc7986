import { Inject, Injectable } from '@nestjs/common';
import { createRemoteJWKSet, JWTPayload, jwtVerify, JWTVerifyGetKey } from 'jose';
import { CONFIG } from '@muster/config';
import type { Config } from '@muster/config';
import type { Principal } from '@muster/domain';
import { principalFromClaims } from './claims';
import { tokenRefusal, unauthorized } from './token-errors';

export interface VerifiedCaller {
  principal: Principal;
  /** Seconds since the epoch, from `exp`. */
  expiresAt: number;
  /** Seconds since the epoch, from `iat`, when the token says. */
  issuedAt?: number;
}

/** Tokens are re-sent with every request; verifying the signature each time costs more than the rest of a read. */
const VERIFIED_CACHE_SIZE = 10_000;

/**
 * The one verifier for HTTP and sockets: HS256 with a shared secret in development and tests,
 * RS256/ES256 against the identity provider's JWKS in production.
 */
@Injectable()
export class TokenVerifier {
  private readonly key: Uint8Array | JWTVerifyGetKey;
  private readonly algorithms: string[];
  /** Verified tokens until they expire, oldest first (a Map keeps insertion order). */
  private readonly verified = new Map<string, VerifiedCaller>();

  constructor(@Inject(CONFIG) private readonly config: Config) {
    if (config.auth.jwksUrl !== undefined) {
      this.key = createRemoteJWKSet(new URL(config.auth.jwksUrl));
      this.algorithms = ['RS256', 'ES256'];
    } else {
      this.key = new TextEncoder().encode(config.auth.jwtSecret);
      this.algorithms = ['HS256'];
    }
  }

  async verify(token: string | undefined): Promise<VerifiedCaller> {
    if (token === undefined || token === '') throw unauthorized('a bearer token is required');
    const cached = this.verified.get(token);
    if (cached !== undefined && cached.expiresAt * 1000 > Date.now()) return cached;
    this.verified.delete(token);
    const caller = await this.verifySignature(token);
    if (this.verified.size >= VERIFIED_CACHE_SIZE) this.verified.delete(this.verified.keys().next().value ?? '');
    this.verified.set(token, caller);
    return caller;
  }

  private async verifySignature(token: string): Promise<VerifiedCaller> {
    let payload: JWTPayload;
    try {
      const options = {
        algorithms: this.algorithms,
        audience: this.config.auth.audience,
        issuer: this.config.auth.issuer,
        requiredClaims: ['exp', 'sub'],
      };
      payload = (
        typeof this.key === 'function'
          ? await jwtVerify(token, this.key, options)
          : await jwtVerify(token, this.key, options)
      ).payload;
    } catch (error) {
      throw tokenRefusal(error);
    }
    const reading = principalFromClaims(payload, this.config.auth.rolesClaim);
    if ('badClaim' in reading) throw unauthorized(`the token's ${reading.badClaim} claim is not valid`);
    return {
      principal: reading.principal,
      expiresAt: payload.exp ?? 0,
      ...(payload.iat === undefined ? {} : { issuedAt: payload.iat }),
    };
  }
}

export function bearerToken(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  const match = value === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(value);
  return match?.[1];
}
