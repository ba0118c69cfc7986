import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AuthorizationResponseError, ClientError, ResponseBodyError } from 'openid-client';
import type { PinoLogger } from 'nestjs-pino';
import { ConsoleSessions, SignInRefused } from '../auth/console-sessions';
import { InvalidLogoutToken, LogoutTokenVerifier } from '../auth/logout-token';
import { OidcClient } from '../auth/oidc-client';
import { decodePending, encodePending, newPendingSignIn, PENDING_SIGN_IN_SECONDS } from '../auth/pending-sign-in';
import { cookieOptions, type CookieNames } from '../auth/session-cookie';
import { ConsolePageError } from './errors';

export interface AuthenticationDeps {
  oidc: OidcClient;
  sessions: ConsoleSessions;
  logoutTokens: LogoutTokenVerifier;
  cookies: CookieNames;
  publicUrl: string;
  sessionMaxAgeSeconds: number;
  log: PinoLogger;
}

const SIGN_IN_AGAIN = ['Go back to the board and sign in again.'];

/**
 * OpenID Connect sign-in (authorization code with PKCE S256), sign-out (this session, then the
 * provider's end-session page) and the provider's back-channel logout.
 */
export function setUpAuthentication(scope: FastifyInstance, deps: AuthenticationDeps): void {
  const { oidc, sessions, cookies } = deps;

  scope.get('/signin', { config: { consolePublic: true } }, async (request, reply) => {
    if (!oidc.configured)
      throw new ConsolePageError(503, 'Sign-in is not set up', [
        'Muster has no sign-in service configured (OIDC_ISSUER).',
      ]);
    const pending = newPendingSignIn((request.query as Record<string, unknown>)['returnTo']);
    if (request.signedIn !== undefined) return reply.redirect(pending.returnTo, 303);
    const to = await oidc.authorizationUrl(pending);
    return reply
      .setCookie(cookies.signIn, encodePending(pending), cookieOptions(cookies, PENDING_SIGN_IN_SECONDS))
      .redirect(to.href, 303);
  });

  scope.get('/auth/callback', { config: { consolePublic: true } }, async (request, reply) => {
    const pending = decodePending(request.cookies[cookies.signIn]);
    void reply.clearCookie(cookies.signIn, cookieOptions(cookies));
    if (pending === undefined) throw new ConsolePageError(400, 'This sign-in has expired', SIGN_IN_AGAIN);
    // From PUBLIC_URL, never the Host header: the redirect_uri the provider checks is the configured one.
    const callback = new URL(request.url, deps.publicUrl);
    const sessionId = await signIn(deps, callback, pending);
    // A new id at every sign-in (no fixation); an older session in this browser ends here.
    await sessions.end(request.cookies[cookies.session]);
    return reply
      .setCookie(cookies.session, sessionId, cookieOptions(cookies, deps.sessionMaxAgeSeconds))
      .redirect(pending.returnTo, 303);
  });

  scope.post('/signout', { config: { consolePublic: true } }, async (request, reply) => {
    const providerSignOut = await sessions.signOut(request.cookies[cookies.session]);
    return reply
      .clearCookie(cookies.session, cookieOptions(cookies))
      .redirect(providerSignOut?.href ?? '/signed-out', 303);
  });

  scope.post(
    '/auth/backchannel-logout',
    { config: { consolePublic: true, csrfExempt: true } },
    async (request, reply) => backchannelLogout(deps, request, reply),
  );
}

async function signIn(
  deps: AuthenticationDeps,
  callback: URL,
  pending: { state: string; verifier: string },
): Promise<string> {
  try {
    return await deps.sessions.create(await deps.oidc.exchange(callback, pending));
  } catch (error) {
    if (error instanceof SignInRefused)
      throw new ConsolePageError(403, 'You cannot sign in to Muster', [
        `${capitalised(error.message)}.`,
        'Ask your Muster administrator for access.',
      ]);
    // A refused or tampered callback (wrong state, a code already used, the person cancelled): nothing to keep.
    if (
      error instanceof AuthorizationResponseError ||
      error instanceof ResponseBodyError ||
      error instanceof ClientError
    ) {
      deps.log.warn({ err: error }, 'sign-in callback refused');
      throw new ConsolePageError(400, 'Sign-in did not finish', SIGN_IN_AGAIN);
    }
    throw error;
  }
}

/** OpenID Connect Back-Channel Logout 1.0: 200 once every matching session has ended, 400 for a bad token. */
async function backchannelLogout(
  deps: AuthenticationDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const body = request.body;
  const token =
    typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['logout_token'] : undefined;
  if (!deps.oidc.configured)
    return reply.status(404).send({ error: 'invalid_request', error_description: 'sign-in is not configured' });
  if (typeof token !== 'string')
    return reply.status(400).send({ error: 'invalid_request', error_description: 'logout_token is required' });
  try {
    const ended = await deps.sessions.endProviderSessions(await deps.logoutTokens.verify(token));
    deps.log.info({ ended }, 'back-channel logout');
  } catch (error) {
    if (!(error instanceof InvalidLogoutToken)) throw error;
    deps.log.warn({ err: error }, 'back-channel logout refused');
    return reply.status(400).send({ error: 'invalid_request', error_description: error.message });
  }
  return reply.status(200).send();
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
