import type { IncomingMessage } from 'node:http';

/** Far above anything the sign-in forms send (a 200-character name, fifty cell slugs). */
export const FORM_BODY_LIMIT_BYTES = 16 * 1024;

export class FormBodyError extends Error {
  constructor(
    readonly status: 413 | 415,
    message: string,
  ) {
    super(message);
    this.name = 'FormBodyError';
  }
}

/** Reads an `application/x-www-form-urlencoded` body, refusing other types and anything over the limit. */
export async function readFormBody(request: IncomingMessage): Promise<URLSearchParams> {
  const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    request.resume();
    throw new FormBodyError(415, 'the form must be sent as application/x-www-form-urlencoded');
  }
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > FORM_BODY_LIMIT_BYTES) {
    request.resume();
    throw new FormBodyError(413, 'the form is too large');
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= FORM_BODY_LIMIT_BYTES) {
        chunks.push(chunk);
        return;
      }
      // Drained, not destroyed: the socket must stay open for the 413 page.
      request.off('data', onData);
      request.resume();
      reject(new FormBodyError(413, 'the form is too large'));
    };
    request.on('data', onData);
    request.once('end', () => resolve(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))));
    request.once('error', reject);
  });
}
