export interface HttpResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON when the response is JSON (including problem+json), otherwise the text. */
  body: unknown;
  text: string;
}

export type HttpHeaders = Record<string, string>;

export interface HttpClient {
  get(path: string, headers?: HttpHeaders): Promise<HttpResponse>;
  post(path: string, body?: unknown, headers?: HttpHeaders): Promise<HttpResponse>;
  put(path: string, body?: unknown, headers?: HttpHeaders): Promise<HttpResponse>;
  patch(path: string, body?: unknown, headers?: HttpHeaders): Promise<HttpResponse>;
  delete(path: string, headers?: HttpHeaders): Promise<HttpResponse>;
  /** The same client with another token (or none). */
  as(token?: string): HttpClient;
}

/**
 * A small client over global fetch. Paths are joined to `baseUrl` as given (`/api/v1/cells`). Bodies that
 * are strings are sent as they are; anything else as JSON. Never throws on an HTTP status.
 */
export function http(baseUrl: string, token?: string): HttpClient {
  const base = baseUrl.replace(/\/+$/, '');

  async function send(method: string, path: string, body: unknown, headers: HttpHeaders = {}): Promise<HttpResponse> {
    const init: RequestInit & { headers: HttpHeaders } = {
      method,
      headers: { accept: 'application/json', ...headers },
      signal: AbortSignal.timeout(30_000),
    };
    if (token !== undefined) init.headers['authorization'] = `Bearer ${token}`;
    if (body !== undefined) {
      const raw = typeof body === 'string';
      init.body = raw ? body : JSON.stringify(body);
      if (!hasHeader(headers, 'content-type')) {
        init.headers['content-type'] = raw ? 'text/plain' : 'application/json';
      }
    }
    const response = await fetch(`${base}${path.startsWith('/') ? path : `/${path}`}`, init);
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: parse(response.headers, text), text };
  }

  return {
    get: (path, headers) => send('GET', path, undefined, headers),
    post: (path, body, headers) => send('POST', path, body, headers),
    put: (path, body, headers) => send('PUT', path, body, headers),
    patch: (path, body, headers) => send('PATCH', path, body, headers),
    delete: (path, headers) => send('DELETE', path, undefined, headers),
    as: (other) => http(baseUrl, other),
  };
}

function hasHeader(headers: HttpHeaders, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name);
}

function parse(headers: Headers, text: string): unknown {
  const type = headers.get('content-type') ?? '';
  if (!/[/+]json\b/.test(type) || text.length === 0) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
