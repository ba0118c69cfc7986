import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { problem, PROBLEM_CONTENT_TYPE } from './problem';

/** Fastify's router refuses these before any route (so before Nest's filter): say why, as problem+json. */
const ROUTER_REFUSALS: Record<string, string> = {
  FST_ERR_BAD_URL: 'the request path is not valid: a percent-encoded segment is not UTF-8',
  FST_ERR_MAX_PARAM_LENGTH: 'the request path is not valid: a segment is longer than any identifier',
};

/** Fastify's `frameworkErrors`: a path the router cannot read is bad input, a 400 like any other. */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const detail = ROUTER_REFUSALS[error.code];
  if (detail === undefined) {
    void reply.send(error);
    return;
  }
  void reply.status(400).header('content-type', PROBLEM_CONTENT_TYPE).send(problem('malformed-request', detail));
}
