import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import fresh from 'fresh';

export interface AtomAnswer {
  status: 200 | 304;
  headers: Record<string, string>;
  /** Empty for a 304. */
  body: string;
}

/**
 * The Atom document as a conditional GET answers it (RFC 9110 13.1): an `ETag` over the bytes this reader
 * gets (so a change in what they may see changes it) and `Last-Modified` at the newest version's time
 * (`changedAt`), 304 with no body when `If-None-Match` matches or, without one, `If-Modified-Since` is not
 * older. Caching is the route's to say.
 */
export function conditionalAtom(
  request: IncomingHttpHeaders,
  document: string,
  changedAt: Date | undefined,
): AtomAnswer {
  const headers: Record<string, string> = {
    'content-type': 'application/atom+xml; charset=utf-8',
    etag: `"${createHash('sha256').update(document, 'utf8').digest('base64url')}"`,
  };
  if (changedAt !== undefined) headers['last-modified'] = changedAt.toUTCString();
  // Only the preconditions: the origin evaluates them whatever the request's Cache-Control says (RFC 9110
  // 13.2.2), and fetch() sends `no-cache` with every conditional request, which `fresh` takes as a reload.
  const preconditions = {
    'if-none-match': request['if-none-match'],
    'if-modified-since': request['if-modified-since'],
  };
  if (fresh(preconditions, headers)) return { status: 304, headers: withoutBodyHeaders(headers), body: '' };
  return { status: 200, headers, body: document };
}

/** A 304 carries the validators and caching headers, not the representation's type (RFC 9110 15.4.5). */
function withoutBodyHeaders(headers: Record<string, string>): Record<string, string> {
  const { 'content-type': _type, ...rest } = headers;
  return rest;
}
