import type { FastifyInstance, FastifyRequest } from 'fastify';
import { bearerToken, TokenVerifier } from '../auth/token-verifier';
import { problem, PROBLEM_CONTENT_TYPE } from '../http/problem';
import { RateLimiter } from './rate-limiter';

/** Operations endpoints stay reachable for probes and scrapers whatever the traffic. */
const EXEMPT = /^\/(health(\/|$|\?)|metrics($|\?))/;

export const isRateLimited = (url: string): boolean => !EXEMPT.test(url);

/**
 * Counts every HTTP request before routing and body parsing, so refused ones cost next to nothing.
 * Add it after the security headers and CORS, so that a 429 carries them too.
 */
export function installRateLimit(fastify: FastifyInstance, limiter: RateLimiter, verifier: TokenVerifier): void {
  if (!limiter.enabled) return;
  fastify.addHook('onRequest', async (request, reply) => {
    if (!isRateLimited(request.url)) return;
    const verdict = await limiter.hit({ sub: await verifiedSub(request, limiter, verifier), address: request.ip });
    if (verdict.allowed) return;
    const body = problem('too-many-requests', `too many requests; retry after ${verdict.retryAfterSeconds} s`);
    await reply
      .status(body.status)
      .header('retry-after', String(verdict.retryAfterSeconds))
      .header('content-type', PROBLEM_CONTENT_TYPE)
      .send(body);
  });
}

/**
 * Only a verified `sub` names a token's counter: an unverified one would let anyone spend another
 * user's allowance. An invalid token counts against its address alone; the auth guard refuses it.
 */
async function verifiedSub(
  request: FastifyRequest,
  limiter: RateLimiter,
  verifier: TokenVerifier,
): Promise<string | undefined> {
  if (!limiter.limitsTokens) return undefined;
  const token = bearerToken(request.headers.authorization);
  if (token === undefined) return undefined;
  try {
    return (await verifier.verify(token)).principal.sub;
  } catch {
    return undefined;
  }
}
