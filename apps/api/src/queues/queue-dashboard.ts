import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '@muster/domain';
import { bearerToken, TokenVerifier } from '../auth/token-verifier';
import { knownProblem } from '../http/error-mapping';
import { problem, PROBLEM_CONTENT_TYPE } from '../http/problem';
import { ApiQueues } from './api-queues';

export const DASHBOARD_PATH = '/admin/queues';
const COOKIE = 'muster_admin';

/**
 * A JWT in compact form, and nothing else. Checked before the signature: jose decodes base64url leniently,
 * so a valid token with CR/LF appended still verifies, and must never become a header.
 */
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

export interface DashboardOptions {
  /** `Secure` on the session cookie: everywhere but development, which may run on plain http. */
  secureCookie: boolean;
}

/**
 * bull-board for administrators. A browser cannot send a bearer header on navigation, so
 * `?token=<jwt>` is exchanged once for an HttpOnly, same-site cookie scoped to the dashboard.
 */
export async function installQueueDashboard(
  fastify: FastifyInstance,
  queues: ApiQueues,
  verifier: TokenVerifier,
  options: DashboardOptions,
): Promise<void> {
  const board = new FastifyAdapter();
  board.setBasePath(DASHBOARD_PATH);
  createBullBoard({
    queues: queues.all.map((queue) => new BullMQAdapter(queue, { readOnlyMode: false })),
    serverAdapter: board,
  });

  await fastify.register(async (scope) => {
    // Cookies are parsed for the dashboard's routes only; the api proper takes bearer tokens.
    await scope.register(fastifyCookie);
    scope.addHook('onRequest', async (request, reply) => admit(request, reply, verifier, options));
    await scope.register(board.registerPlugin(), { prefix: DASHBOARD_PATH });
  });
}

async function admit(
  request: FastifyRequest,
  reply: FastifyReply,
  verifier: TokenVerifier,
  options: DashboardOptions,
): Promise<void> {
  const url = new URL(request.url, 'http://muster.local');
  const fromQuery = url.searchParams.get('token') ?? undefined;
  // The query's token first: it is the one that would become the cookie, so it is the one verified.
  const token = fromQuery ?? bearerToken(request.headers.authorization) ?? request.cookies[COOKIE];
  let expiresAt: number;
  try {
    if (token !== undefined && !COMPACT_JWS.test(token))
      throw new DomainError('unauthorized', 'the token is not valid');
    const verified = await verifier.verify(token);
    if (!verified.principal.roles.has('admin'))
      throw new DomainError('forbidden', 'the queue dashboard is for administrators');
    expiresAt = verified.expiresAt;
  } catch (error) {
    const body = knownProblem(error) ?? problem('unauthorized', 'a valid administrator token is required');
    await reply.status(body.status).header('content-type', PROBLEM_CONTENT_TYPE).send(body);
    return;
  }
  if (fromQuery !== undefined) {
    url.searchParams.delete('token');
    await reply
      .setCookie(COOKIE, fromQuery, {
        path: DASHBOARD_PATH,
        httpOnly: true,
        sameSite: 'strict',
        secure: options.secureCookie,
        expires: new Date(expiresAt * 1000),
      })
      .redirect(`${url.pathname}${url.search}`, 303);
  }
}
