import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { canonicalJson, DomainError } from '@muster/domain';
import { LONE_SURROGATE } from './schemas';

/** What a repeat with the same `Idempotency-Key` must match: the method, the path and the canonical body. */
export function requestHash(request: Pick<FastifyRequest, 'method' | 'url' | 'body'>): string {
  const path = request.url.split('?')[0] ?? request.url;
  return createHash('sha256').update(`${request.method} ${path}\n`).update(canonicalBody(request.body)).digest('hex');
}

/**
 * The body as canonical JSON. This runs before validation, so the body may be anything JSON can carry; text
 * that is not Unicode (a lone surrogate, which no column can hold either) is refused naming where it is.
 */
function canonicalBody(body: unknown): string {
  try {
    return canonicalJson(body ?? null);
  } catch (error) {
    const path = illFormedTextPath(body);
    if (path === undefined) throw error;
    throw new DomainError(
      'validation-failed',
      `the request body is not valid: ${path || 'body'}: must be well-formed Unicode (no lone surrogates)`,
      [{ path, message: 'must be well-formed Unicode (no lone surrogates)' }],
    );
  }
}

interface Visit {
  value: unknown;
  key: string;
  parent: Visit | undefined;
}

const pathOf = (visit: Visit | undefined): string => {
  const keys: string[] = [];
  for (let at = visit; at?.parent !== undefined; at = at.parent) keys.unshift(at.key);
  return keys.join('.');
};

/** The dotted path (as validation names fields) of the first key or string holding a lone surrogate; iterative, as bodies may nest deeply. */
function illFormedTextPath(body: unknown): string | undefined {
  const stack: Visit[] = [{ value: body, key: '', parent: undefined }];
  for (let visit = stack.pop(); visit !== undefined; visit = stack.pop()) {
    const { value } = visit;
    if (typeof value === 'string' && LONE_SURROGATE.test(value)) return pathOf(visit);
    if (value === null || typeof value !== 'object') continue;
    for (const [key, child] of Object.entries(value as Record<string, unknown>).reverse()) {
      const next = { value: child, key, parent: visit };
      if (LONE_SURROGATE.test(key)) return pathOf(next);
      stack.push(next);
    }
  }
  return undefined;
}
