import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { csrfTokenValid } from '../auth/csrf-token';
import { ConsolePageError } from './errors';

/** The field every console form carries (layout/partials/csrf.njk). */
export const CSRF_FIELD = '_csrf';

/**
 * Every POST from a console form carries the token its page was given, derived from the session's
 * secret: a page on another site can make a browser send the cookie (SameSite=Lax allows top-level
 * navigations, and other browsers or subdomains may not honour it), but cannot read the token. A post
 * that fails is refused (403) before its route runs, so it changes nothing.
 */
export function setUpCsrf(scope: FastifyInstance, origin: string): void {
  scope.addHook('preHandler', (request, _reply, done) => {
    try {
      refuseForgedForm(request, origin);
    } catch (error) {
      done(error as FastifyError);
      return;
    }
    done();
  });
}

function refuseForgedForm(request: FastifyRequest, origin: string): void {
  if (request.method !== 'POST' || request.routeOptions.config.csrfExempt === true) return;
  const signedIn = request.signedIn;
  // Sign-out without a live session only forgets a cookie: there is nothing to forge.
  if (signedIn === undefined) return;
  const body = request.body;
  const token = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[CSRF_FIELD] : undefined;
  if (crossSite(request.headers, origin) || !csrfTokenValid(signedIn.csrfSecret, token)) {
    throw new ConsolePageError(403, 'This form has expired', [
      'The form was not sent from a page of Muster you have open, or the page is too old.',
      'Nothing was changed. Go back, reload the page and try again.',
    ]);
  }
}

/**
 * A second line behind the token: what the browser says about where the form came from. `Origin: null`
 * (privacy settings) and no header at all (not a browser) say nothing, and leave it to the token.
 */
function crossSite(headers: IncomingHttpHeaders, origin: string): boolean {
  const from = headers.origin;
  if (from !== undefined && from !== 'null' && from !== origin) return true;
  const site = headers['sec-fetch-site'];
  return site !== undefined && site !== 'same-origin' && site !== 'none';
}
