import type { INestApplication } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { FastifyInstance } from 'fastify';
import type { PinoLogger } from 'nestjs-pino';
import type { Config } from '@muster/config';
import { ConsoleSessions } from './auth/console-sessions';
import { LogoutTokenVerifier } from './auth/logout-token';
import { OidcClient } from './auth/oidc-client';
import { cookieNames } from './auth/session-cookie';
import type { ConsoleDeps, ConsolePage } from './page';
import { accountPage } from './pages/account/account.page';
import { contactPage } from './pages/contact/contact.page';
import { rotasPage } from './pages/rotas/rotas.page';
import { boardPage } from './pages/board/board.page';
import { cellLogPage } from './pages/cell-log/cell-log.page';
import { logDecisionPage } from './pages/cell-log/log-decision.page';
import { packPage } from './pages/cell-log/pack.page';
import { answerRequestPage } from './pages/decision-requests/answer-request.page';
import { decisionRequestsPage } from './pages/decision-requests/decision-requests.page';
import { escalationPage } from './pages/escalations/escalation.page';
import { escalationsPage } from './pages/escalations/escalations.page';
import { feedsPage } from './pages/feeds/feeds.page';
import { feedTokensPage } from './pages/feed-tokens/feed-tokens.page';
import { sitrepsPage } from './pages/sitreps/sitreps.page';
import { signedOutPage } from './pages/signed-out/signed-out.page';
import { setUpAuthentication } from './setup/authentication';
import { setUpCsrf } from './setup/csrf';
import { setUpCurrentUser } from './setup/current-user';
import { setUpErrorPages } from './setup/errors';
import { setUpSecurityHeaders } from './setup/security-headers';
import { setUpSession } from './setup/session';
import { assetVersion, setUpStaticAssets } from './setup/static-assets';
import { ConsoleViews } from './setup/views';

/** Every page of the console; a new page is a folder under pages/ and a line here. */
const PAGES: readonly ConsolePage[] = [
  boardPage,
  cellLogPage,
  logDecisionPage,
  packPage,
  decisionRequestsPage,
  answerRequestPage,
  escalationsPage,
  escalationPage,
  sitrepsPage,
  feedsPage,
  feedTokensPage,
  contactPage,
  rotasPage,
  accountPage,
  signedOutPage,
];

/**
 * The console, composed: its assets (no session, cached), then its pages in a scope of their own where,
 * in order, the console's security headers apply, the session is read from its cookie, signed-out
 * visitors are sent to sign in, every POST's CSRF token is checked and errors become pages. The API's
 * routes are outside this scope: they never read the cookie.
 */
export async function installConsole(
  fastify: FastifyInstance,
  app: INestApplication,
  config: Config,
  log: PinoLogger,
): Promise<void> {
  const views = new ConsoleViews();
  const cookies = cookieNames(config.env !== 'development');
  const deps: ConsoleDeps = { queries: app.get(QueryBus), commands: app.get(CommandBus), config, views };
  const version = assetVersion();

  await fastify.register(setUpStaticAssets);
  await fastify.register(async (scope) => {
    setUpSecurityHeaders(scope);
    await setUpSession(scope, app.get(ConsoleSessions), cookies);
    setUpCurrentUser(scope, version);
    setUpCsrf(scope, new URL(config.http.publicUrl).origin);
    setUpErrorPages(scope, views, log);
    setUpAuthentication(scope, {
      oidc: app.get(OidcClient),
      sessions: app.get(ConsoleSessions),
      logoutTokens: app.get(LogoutTokenVerifier),
      cookies,
      publicUrl: config.http.publicUrl,
      sessionMaxAgeSeconds: Math.floor(config.console.sessionMaxAgeMs / 1000),
      log,
    });
    for (const page of PAGES) page(scope, deps);
  });
}
