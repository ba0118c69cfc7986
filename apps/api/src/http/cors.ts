/** Headers a browser client on an allowed origin sends and may read (contract: HTTP conventions). */
const ALLOWED_HEADERS = ['authorization', 'content-type', 'idempotency-key', 'x-correlation-id'];
const EXPOSED_HEADERS = ['retry-after', 'x-correlation-id', 'idempotent-replayed'];

export interface HttpCorsOptions {
  origin: string[];
  methods: string[];
  allowedHeaders: string[];
  exposedHeaders: string[];
  credentials: false;
  maxAge: number;
}

/**
 * CORS for exactly the configured origins, or undefined (no CORS headers at all) when there are none.
 * Tokens travel in the Authorization header, never cookies, so credentials stay off.
 */
export function httpCors(origins: readonly string[]): HttpCorsOptions | undefined {
  if (origins.length === 0) return undefined;
  return {
    origin: [...origins],
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ALLOWED_HEADERS,
    exposedHeaders: EXPOSED_HEADERS,
    credentials: false,
    maxAge: 600,
  };
}

/** A browser that sends an Origin must send an allowed one; other clients send none. */
export function originAllowed(origin: string | undefined, origins: readonly string[]): boolean {
  return origin === undefined || origins.includes(origin);
}
