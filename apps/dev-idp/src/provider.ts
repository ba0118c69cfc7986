import Provider, { interactionPolicy, type Configuration, type JWK, type KoaContextWithOIDC } from 'oidc-provider';
import type { AccountDirectory } from './accounts';
import type { DevIdpConfig } from './config';
import { renderMessagePage, renderSignOutPage } from './pages/message.page';
import { claimsOf } from './people';

export interface ProviderSetup {
  issuer: string;
  config: DevIdpConfig;
  accounts: AccountDirectory;
  signingKeys: JWK[];
  cookieKeys: string[];
}

/** Muster's claims ride on the `openid` scope (as a bearer token's do), the display name on `profile`. */
export const MUSTER_CLAIMS = ['roles', 'authority', 'cells', 'clearance'] as const;
const HOUR = 3600;

/**
 * One confidential client (the console): authorization code with PKCE S256 required, client_secret_basic,
 * refresh tokens, RP-initiated logout and, when a URI is configured, back-channel logout. Every token is
 * bound to the sign-in session and lives no longer than it: when the session ends (sign-out or
 * DEV_IDP_SESSION_TTL after signing in), userinfo and refresh are refused.
 */
export function createProvider({ issuer, config, accounts, signingKeys, cookieKeys }: ProviderSetup): Provider {
  const ttl = config.sessionTtlSeconds;
  const backchannel = config.client.backchannelLogoutUri;
  const configuration: Configuration = {
    clients: [
      {
        client_id: config.client.id,
        client_secret: config.client.secret,
        client_name: 'Muster console',
        require_auth_time: true,
        token_endpoint_auth_method: 'client_secret_basic',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: config.client.redirectUris,
        post_logout_redirect_uris: config.client.postLogoutRedirectUris,
        ...(backchannel === undefined
          ? {}
          : { backchannel_logout_uri: backchannel, backchannel_logout_session_required: true }),
      },
    ],
    clientAuthMethods: ['client_secret_basic'],
    responseTypes: ['code'],
    pkce: { required: () => true },
    scopes: ['openid', 'profile'],
    claims: { openid: ['sub', ...MUSTER_CLAIMS], profile: ['name'] },
    // Muster's claims in the ID token itself, not only from userinfo.
    conformIdTokenClaims: false,
    findAccount: (_ctx, sub) => {
      const person = accounts.find(sub);
      return person && { accountId: person.sub, claims: () => claimsOf(person) };
    },
    // Consent is implicit for this first-party client: no consent step at all (prompt=consent is refused).
    interactions: { policy: loginOnly(ttl) },
    loadExistingGrant: grantSilently,
    expiresWithSession: () => true,
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    ttl: {
      Session: (_ctx, session) => (session.loginTs === undefined ? ttl : secondsLeft(session.loginTs + ttl)),
      Grant: ttl,
      Interaction: HOUR,
      AccessToken: (ctx) => Math.min(HOUR, sessionSecondsLeft(ctx, ttl)),
      IdToken: (ctx) => Math.min(HOUR, sessionSecondsLeft(ctx, ttl)),
      RefreshToken: (ctx) => sessionSecondsLeft(ctx, ttl),
    },
    cookies: {
      keys: cookieKeys,
      long: { httpOnly: true, sameSite: 'lax' },
      short: { httpOnly: true, sameSite: 'lax' },
    },
    jwks: { keys: signingKeys },
    features: {
      devInteractions: { enabled: false },
      resourceIndicators: { enabled: false },
      backchannelLogout: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx, form) => {
          ctx.type = 'html';
          ctx.body = renderSignOutPage(form);
        },
        postLogoutSuccessSource: (ctx) => {
          ctx.type = 'html';
          ctx.body = renderMessagePage('You are signed out', [
            'You have signed out of the Muster development sign-in.',
          ]);
        },
      },
    },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      const detail = typeof out.error_description === 'string' ? out.error_description : out.error;
      ctx.body = renderMessagePage('Sign-in could not continue', [
        `The sign-in request was refused: ${detail}.`,
        'Go back to the Muster console and sign in again.',
      ]);
    },
    fetch: (url, options) => {
      // The back-channel logout URI is the api, usually on loopback, which oidc-provider's SSRF guard
      // refuses; it comes from this process's configuration, never from a request, so it goes direct.
      if (backchannel !== undefined && hrefOf(url) === new URL(backchannel).href) {
        const direct: RequestInit & { dispatcher?: unknown } = { ...options };
        delete direct.dispatcher;
        return globalThis.fetch(url, direct);
      }
      return globalThis.fetch(url, options);
    },
  };
  return new Provider(issuer, configuration);
}

function loginOnly(ttl: number): interactionPolicy.DefaultPolicy {
  const policy = interactionPolicy.base();
  policy.remove('consent');
  // oidc-provider still finds a session for its clock tolerance after it expires (and a browser whose clock runs
  // slow still sends its cookie): one past DEV_IDP_SESSION_TTL signs in again rather than carrying on.
  policy.get('login')?.checks.add(
    new interactionPolicy.Check('session_ended', 'the sign-in session has ended', ({ oidc }) => {
      const loginTs = oidc.session?.loginTs;
      return loginTs !== undefined && loginTs + ttl <= Math.floor(Date.now() / 1000)
        ? interactionPolicy.Check.REQUEST_PROMPT
        : interactionPolicy.Check.NO_NEED_TO_PROMPT;
    }),
  );
  return policy;
}

/** The grant a consent step would have made: whatever the client asked for. */
async function grantSilently(ctx: KoaContextWithOIDC) {
  const { client, session, provider } = ctx.oidc;
  const accountId = session?.accountId;
  if (client === undefined || accountId === undefined) return undefined;
  const grantId = ctx.oidc.result?.consent?.grantId ?? session?.grantIdFor(client.clientId);
  const existing = grantId === undefined ? undefined : await provider.Grant.find(grantId);
  // A grant of an earlier sign-in has ended with it (Grant lives DEV_IDP_SESSION_TTL), though still found.
  const grant =
    existing !== undefined && existing.accountId === accountId && !existing.isExpired
      ? existing
      : new provider.Grant({ clientId: client.clientId, accountId });
  grant.addOIDCScope([...ctx.oidc.requestParamOIDCScopes].join(' '));
  grant.addOIDCClaims([...ctx.oidc.requestParamClaims]);
  await grant.save();
  return grant;
}

/** What is left of the sign-in session the token is being issued from (at least a second). */
function sessionSecondsLeft(ctx: KoaContextWithOIDC | undefined, ttl: number): number {
  const entities = ctx?.oidc.entities;
  const authTime = entities?.AuthorizationCode?.authTime ?? entities?.RefreshToken?.authTime;
  return authTime === undefined ? ttl : secondsLeft(authTime + ttl);
}

function secondsLeft(endsAt: number): number {
  return Math.max(1, endsAt - Math.floor(Date.now() / 1000));
}

function hrefOf(input: string | URL | Request): string {
  if (typeof input === 'string') return input;
  return input instanceof URL ? input.href : input.url;
}
