import { Inject, Injectable } from '@nestjs/common';
import * as client from 'openid-client';
import { CONFIG } from '@muster/config';
import type { Config, ConsoleConfig } from '@muster/config';

type OidcSettings = NonNullable<ConsoleConfig['oidc']>;

/** The provider did not answer (or answered nonsense): nobody can sign in or refresh just now. */
export class ProviderUnavailable extends Error {
  override readonly name = 'ProviderUnavailable';
}

/** What the provider gave back for a code or a refresh token. */
export interface ProviderTokens {
  idToken?: string;
  refreshToken?: string;
  /** The ID token's claims, when it sent one. */
  claims?: Record<string, unknown>;
  /** When the access token, and so the session unless refreshed, expires. */
  accessExpiresAt: Date;
}

/** Seconds each call to the provider may take: a person is waiting. */
const TIMEOUT_SECONDS = 10;
/** After a failed discovery, the next request tries again no sooner than this. */
const RETRY_DISCOVERY_MS = 2_000;

/**
 * The console as an OpenID Connect relying party (openid-client): authorization code with PKCE S256,
 * client_secret_basic. The provider's metadata is discovered on first use, so the api starts whether
 * or not the provider is up; plain http is allowed for a development or test provider only.
 */
@Injectable()
export class OidcClient {
  private readonly settings: OidcSettings | undefined;
  private discovered: Promise<client.Configuration> | undefined;
  private failedAt = 0;

  constructor(@Inject(CONFIG) private readonly config: Config) {
    this.settings = config.console.oidc;
  }

  get configured(): boolean {
    return this.settings !== undefined;
  }

  get redirectUri(): string {
    return `${this.config.http.publicUrl}/auth/callback`;
  }

  get postLogoutRedirectUri(): string {
    return `${this.config.http.publicUrl}/signed-out`;
  }

  get clientId(): string {
    return this.oidc().clientId;
  }

  async authorizationUrl(checks: { state: string; verifier: string }): Promise<URL> {
    return client.buildAuthorizationUrl(await this.provider(), {
      redirect_uri: this.redirectUri,
      scope: this.oidc().scopes,
      code_challenge: await client.calculatePKCECodeChallenge(checks.verifier),
      code_challenge_method: 'S256',
      state: checks.state,
    });
  }

  /** Exchanges the callback's code; openid-client checks the state, the ID token's signature and claims. */
  async exchange(callback: URL, checks: { state: string; verifier: string }): Promise<ProviderTokens> {
    const tokens = await this.call(async (provider) =>
      client.authorizationCodeGrant(provider, callback, {
        pkceCodeVerifier: checks.verifier,
        expectedState: checks.state,
      }),
    );
    return providerTokens(tokens);
  }

  async refresh(refreshToken: string): Promise<ProviderTokens> {
    return providerTokens(await this.call((provider) => client.refreshTokenGrant(provider, refreshToken)));
  }

  async endSessionUrl(idToken: string): Promise<URL | undefined> {
    const provider = await this.provider();
    if (provider.serverMetadata().end_session_endpoint === undefined) return undefined;
    return client.buildEndSessionUrl(provider, {
      id_token_hint: idToken,
      post_logout_redirect_uri: this.postLogoutRedirectUri,
    });
  }

  /** The issuer (as discovered) and where its signing keys are: to verify a back-channel logout token. */
  async keysAndIssuer(): Promise<{ issuer: string; jwksUri: string }> {
    const metadata = (await this.provider()).serverMetadata();
    if (metadata.jwks_uri === undefined) throw new ProviderUnavailable('the provider publishes no jwks_uri');
    return { issuer: metadata.issuer, jwksUri: metadata.jwks_uri };
  }

  /** A provider's own refusal (an OAuth error) passes through; not reaching it is ProviderUnavailable. */
  private async call<T>(work: (provider: client.Configuration) => Promise<T>): Promise<T> {
    const provider = await this.provider();
    try {
      return await work(provider);
    } catch (error) {
      if (error instanceof client.ResponseBodyError || error instanceof client.AuthorizationResponseError) throw error;
      if (unreachable(error)) throw new ProviderUnavailable('the sign-in service did not answer', { cause: error });
      throw error;
    }
  }

  private provider(): Promise<client.Configuration> {
    if (this.discovered !== undefined) return this.discovered;
    if (Date.now() - this.failedAt < RETRY_DISCOVERY_MS)
      return Promise.reject(new ProviderUnavailable('the sign-in service did not answer'));
    const { issuer, clientId, clientSecret } = this.oidc();
    const url = new URL(issuer);
    const discovery = client
      .discovery(url, clientId, undefined, client.ClientSecretBasic(clientSecret), {
        timeout: TIMEOUT_SECONDS,
        // Plain http only for a provider the configuration allows it for (development and tests).
        // eslint-disable-next-line @typescript-eslint/no-deprecated -- openid-client marks it only so it stands out; http is wanted here
        ...(url.protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : {}),
      })
      .catch((error: unknown) => {
        this.discovered = undefined;
        this.failedAt = Date.now();
        throw new ProviderUnavailable('the sign-in service could not be reached', { cause: error });
      });
    this.discovered = discovery;
    return discovery;
  }

  private oidc(): OidcSettings {
    if (this.settings === undefined) throw new ProviderUnavailable('sign-in is not configured (OIDC_ISSUER)');
    return this.settings;
  }
}

/** A fetch that failed or timed out, or an answer that was no OAuth answer at all (a 502 page). */
function unreachable(error: unknown): boolean {
  if (error instanceof TypeError || (error instanceof Error && error.name === 'TimeoutError')) return true;
  return (
    error instanceof client.ClientError &&
    (error.code === 'OAUTH_RESPONSE_IS_NOT_CONFORM' || error.code === 'OAUTH_RESPONSE_IS_NOT_JSON')
  );
}

function providerTokens(tokens: client.TokenEndpointResponse & client.TokenEndpointResponseHelpers): ProviderTokens {
  const expiresIn = tokens.expiresIn();
  return {
    ...(tokens.id_token === undefined ? {} : { idToken: tokens.id_token }),
    ...(tokens.refresh_token === undefined ? {} : { refreshToken: tokens.refresh_token }),
    ...(tokens.claims() === undefined ? {} : { claims: { ...tokens.claims() } }),
    // A provider that gives no expiry gets five minutes: the session then lives by refreshing.
    accessExpiresAt: new Date(Date.now() + (expiresIn ?? 300) * 1000),
  };
}
