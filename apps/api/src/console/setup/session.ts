import fastifyCookie from '@fastify/cookie';
import fastifyFormBody from '@fastify/formbody';
import type { FastifyInstance } from 'fastify';
import type { ConsoleSessions } from '../auth/console-sessions';
import type { CookieNames } from '../auth/session-cookie';

/**
 * Cookies are read in the console's routes only (the API takes bearer tokens and never a cookie, so it
 * has no CSRF surface). Each request resumes its session from PostgreSQL: a session ended by any api
 * process (sign-out, back-channel logout) is ended here at the next request, with no cache to expire.
 */
export async function setUpSession(
  scope: FastifyInstance,
  sessions: ConsoleSessions,
  cookies: CookieNames,
): Promise<void> {
  await scope.register(fastifyCookie);
  // The console's forms (the scope is made before Nest adds its parsers, so it brings its own).
  await scope.register(fastifyFormBody);
  scope.addHook('onRequest', async (request) => {
    const id = request.cookies[cookies.session];
    if (id !== undefined) request.signedIn = await sessions.resume(id);
  });
}
