import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '@muster/domain';
import { bearerToken, TokenVerifier } from '../auth/token-verifier';
import { knownProblem } from '../http/error-mapping';
import { problem, PROBLEM_CONTENT_TYPE } from '../http/problem';
import { ApiQueues } from './api-queues';

export const DASHBOARD_PATH = '/admin/queues';
const COOKIE = 'muster_admin';

/**
 * bull-board for administrators. A browser cannot send a bearer header on navigation, so
 * `?token=<jwt>` is exchanged once for an HttpOnly, same-site cookie scoped to the dashboard.
 */
export async function installQueueDashboard(fastify: FastifyInstance, queues: ApiQueues, verifier: TokenVerifier): Promise<void> {
  const board = new FastifyAdapter();
  board.setBasePath(DASHBOARD_PATH);
  createBullBoard({ queues: queues.all.map((queue) => new BullMQAdapter(queue, { readOnlyMode: false })), serverAdapter: board });

  await fastify.register(async (scope) => {
    scope.addHook('onRequest', async (request, reply) => admit(request, reply, verifier));
    await scope.register(board.registerPlugin(), { prefix: DASHBOARD_PATH });
  });
}

async function admit(request: FastifyRequest, reply: FastifyReply, verifier: TokenVerifier): Promise<void> {
  const url = new URL(request.url, 'http://muster.local');
  const fromQuery = url.searchParams.get('token') ?? undefined;
  const token = bearerToken(request.headers.authorization) ?? fromQuery ?? cookie(request.headers.cookie, COOKIE);
  try {
    const { principal } = await verifier.verify(token);
    if (!principal.roles.has('admin')) throw new DomainError('forbidden', 'the queue dashboard is for administrators');
  } catch (error) {
    const body = knownProblem(error) ?? problem('unauthorized', 'a valid administrator token is required');
    await reply.status(body.status).header('content-type', PROBLEM_CONTENT_TYPE).send(body);
    return;
  }
  if (fromQuery !== undefined) {
    url.searchParams.delete('token');
    await reply
      .header('set-cookie', `${COOKIE}=${fromQuery}; Path=${DASHBOARD_PATH}; HttpOnly; SameSite=Strict`)
      .redirect(`${url.pathname}${url.search}`, 303);
  }
}

function cookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}
