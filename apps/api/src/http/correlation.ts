import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const CORRELATION_HEADER = 'x-correlation-id';
const ACCEPTABLE = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Fastify's request id: the caller's correlation id when it is sane, otherwise a new one. Written
 * back onto the request headers so the logger, the CLS store and the journal all read the same id.
 */
export function assignCorrelationId(request: IncomingMessage): string {
  const given = request.headers[CORRELATION_HEADER];
  const id = typeof given === 'string' && ACCEPTABLE.test(given) ? given : randomUUID();
  request.headers[CORRELATION_HEADER] = id;
  return id;
}

export function correlationIdOf(request: IncomingMessage): string {
  const id = request.headers[CORRELATION_HEADER];
  return typeof id === 'string' ? id : assignCorrelationId(request);
}
