import { Injectable } from '@nestjs/common';
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { OidcClient } from './oidc-client';

const LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout';

/** Whose sessions a verified logout token ends: one provider session (`sid`), or every one of `sub`'s. */
export interface LogoutSubject {
  sub?: string;
  sid?: string;
}

export class InvalidLogoutToken extends Error {
  override readonly name = 'InvalidLogoutToken';
}

/**
 * OpenID Connect Back-Channel Logout 1.0, section 2.6: signed by the provider (its published keys, an
 * asymmetric algorithm), for this client, recent, with the logout event, naming `sub` or `sid`, and no
 * `nonce` (which would make it an ID token).
 */
@Injectable()
export class LogoutTokenVerifier {
  private keys: { uri: string; get: JWTVerifyGetKey } | undefined;

  constructor(private readonly oidc: OidcClient) {}

  async verify(token: string): Promise<LogoutSubject> {
    const { issuer, jwksUri } = await this.oidc.keysAndIssuer();
    if (this.keys?.uri !== jwksUri) this.keys = { uri: jwksUri, get: createRemoteJWKSet(new URL(jwksUri)) };
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, this.keys.get, {
        issuer,
        audience: this.oidc.clientId,
        algorithms: ['RS256', 'PS256', 'ES256', 'EdDSA'],
        maxTokenAge: '5m',
        requiredClaims: ['iat', 'jti'],
      }));
    } catch (error) {
      throw new InvalidLogoutToken('the logout token is not valid', { cause: error });
    }
    const events = payload['events'];
    if (
      typeof events !== 'object' ||
      events === null ||
      typeof (events as Record<string, unknown>)[LOGOUT_EVENT] !== 'object'
    ) {
      throw new InvalidLogoutToken('the logout token carries no back-channel logout event');
    }
    if ('nonce' in payload) throw new InvalidLogoutToken('a logout token has no nonce');
    const sub = typeof payload['sub'] === 'string' ? payload['sub'] : undefined;
    const sid = typeof payload['sid'] === 'string' ? payload['sid'] : undefined;
    if (sub === undefined && sid === undefined)
      throw new InvalidLogoutToken('the logout token names neither sub nor sid');
    return { ...(sub === undefined ? {} : { sub }), ...(sid === undefined ? {} : { sid }) };
  }
}
