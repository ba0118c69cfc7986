import { HttpException } from '@nestjs/common';
import { Problem, ProblemCode } from '@muster/contracts';
import { DomainError } from '@muster/domain';
import type { StoreFailures } from '@muster/application';
import { problem } from './problem';

const STATUS_CODES: Record<number, ProblemCode> = {
  400: 'malformed-request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  405: 'not-found',
  409: 'conflict',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  422: 'rule-violated',
  429: 'too-many-requests',
  503: 'service-unavailable',
};

interface WithStatus {
  statusCode?: unknown;
  message?: unknown;
}

/**
 * Maps anything thrown while serving a request to the problem to send; undefined means a 500. A backing
 * store's errors are recognised through `failures` (the queue dashboard, which reads no store, passes none).
 */
export function knownProblem(error: unknown, failures?: StoreFailures): Problem | undefined {
  if (error instanceof DomainError) return problem(error.code, error.message, error.errors);
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code = STATUS_CODES[status];
    return code ? problem(code, httpDetail(error)) : undefined;
  }
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as WithStatus;
  if (failures?.conflicting(error) === true) {
    // Two writers raced for the same key; the loser is told to reload rather than shown a 500.
    return problem('conflict', 'the change conflicts with one made at the same moment; reload and try again');
  }
  if (failures?.unavailable(error) === true) {
    return problem('service-unavailable', 'a backing service is unavailable; retry shortly');
  }
  // Fastify's own refusals (unreadable JSON, body too large, wrong content type) carry a 4xx status.
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    const code = STATUS_CODES[e.statusCode] ?? 'malformed-request';
    return problem(code, typeof e.message === 'string' ? e.message : 'the request could not be read');
  }
  return undefined;
}

function httpDetail(error: HttpException): string {
  const response = error.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  return Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : error.message;
}
