/**
 * A browser as far as OpenID Connect sign-in needs one, over real HTTP: a cookie jar that honours each
 * cookie's origin, path and expiry, form posts that carry the page's Origin, and redirects followed by
 * hand until the browser would leave for a relying party's URL.
 */
export interface BrowserPage {
  status: number;
  /** The address this response came from. */
  url: URL;
  headers: Headers;
  body: string;
  /** Set when the last response redirected to one of the `stopAt` URLs (not followed). */
  leftFor?: URL;
}

export interface NavigateOptions {
  method?: 'GET' | 'POST';
  form?: Record<string, string> | URLSearchParams;
  /** Raw body instead of `form` (content type given in `headers`). */
  body?: string;
  headers?: Record<string, string>;
  /** Redirects to URLs starting with one of these stop there (the relying party's callback). */
  stopAt?: readonly string[];
}

interface StoredCookie {
  origin: string;
  path: string;
  name: string;
  value: string;
  expiresAt?: number;
  sameSite?: string;
  httpOnly: boolean;
}

export class FormBrowser {
  private readonly jar = new Map<string, StoredCookie>();

  /** `clockOffsetMs`: how far this browser's clock is from the machine's (negative: it runs slow), for cookies' expiry. */
  constructor(private readonly clockOffsetMs = 0) {}

  async navigate(target: string | URL, options: NavigateOptions = {}): Promise<BrowserPage> {
    let url = new URL(target);
    let method = options.method ?? 'GET';
    let body: string | undefined =
      options.body ?? (options.form === undefined ? undefined : new URLSearchParams(options.form).toString());
    let headers: Record<string, string> = { ...options.headers };
    if (options.form !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
    for (let hops = 0; hops < 20; hops += 1) {
      const cookie = this.cookieHeader(url);
      const response = await fetch(url, {
        method,
        redirect: 'manual',
        headers: { ...headers, ...(cookie === '' ? {} : { cookie }) },
        ...(body === undefined ? {} : { body }),
      });
      this.store(url, response.headers.getSetCookie());
      const text = await response.text();
      const location = response.headers.get('location');
      const page: BrowserPage = { status: response.status, url, headers: response.headers, body: text };
      if (response.status < 300 || response.status >= 400 || location === null) return page;
      const next = new URL(location, url);
      if ((options.stopAt ?? []).some((prefix) => next.href.startsWith(prefix))) return { ...page, leftFor: next };
      // 303 (and 302 after a POST) turn into a GET, as browsers do.
      if (response.status === 303 || (response.status === 302 && method === 'POST')) {
        method = 'GET';
        body = undefined;
        headers = {};
      }
      url = next;
    }
    throw new Error(`more than 20 redirects from ${String(target)}`);
  }

  /** Posts a form found on `page` (its action resolved against the page), with the page's Origin. */
  submit(
    page: BrowserPage,
    action: string,
    form: Record<string, string>,
    stopAt?: readonly string[],
  ): Promise<BrowserPage> {
    return this.navigate(new URL(action, page.url), {
      method: 'POST',
      form,
      headers: { origin: page.url.origin },
      ...(stopAt === undefined ? {} : { stopAt }),
    });
  }

  /** The cookies this browser holds for an origin (for assertions on their attributes). */
  cookies(origin: string): StoredCookie[] {
    this.expire();
    return [...this.jar.values()].filter((cookie) => cookie.origin === origin);
  }

  private cookieHeader(url: URL): string {
    this.expire();
    return [...this.jar.values()]
      .filter((cookie) => cookie.origin === url.origin && pathMatches(url.pathname, cookie.path))
      .sort((a, b) => b.path.length - a.path.length)
      .map((cookie) => `${cookie.name}=${cookie.value}`)
      .join('; ');
  }

  private store(url: URL, setCookies: string[]): void {
    for (const line of setCookies) {
      const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const cookie: StoredCookie = {
        origin: url.origin,
        path: defaultPath(url.pathname),
        name: pair.slice(0, eq),
        value: pair.slice(eq + 1),
        httpOnly: false,
      };
      for (const attribute of attributes) {
        const [key = '', value = ''] = attribute.split('=', 2);
        const name = key.toLowerCase();
        if (name === 'path' && value.startsWith('/')) cookie.path = value;
        if (name === 'expires') cookie.expiresAt = Date.parse(value);
        if (name === 'max-age') cookie.expiresAt = this.now() + Number(value) * 1000;
        if (name === 'samesite') cookie.sameSite = value.toLowerCase();
        if (name === 'httponly') cookie.httpOnly = true;
      }
      const key = `${cookie.origin} ${cookie.path} ${cookie.name}`;
      if (cookie.expiresAt !== undefined && cookie.expiresAt <= this.now()) this.jar.delete(key);
      else this.jar.set(key, cookie);
    }
  }

  private now(): number {
    return Date.now() + this.clockOffsetMs;
  }

  private expire(): void {
    const now = this.now();
    for (const [key, cookie] of this.jar)
      if (cookie.expiresAt !== undefined && cookie.expiresAt <= now) this.jar.delete(key);
  }
}

function pathMatches(requestPath: string, cookiePath: string): boolean {
  return requestPath === cookiePath || requestPath.startsWith(cookiePath.endsWith('/') ? cookiePath : `${cookiePath}/`);
}

function defaultPath(requestPath: string): string {
  const last = requestPath.lastIndexOf('/');
  return last <= 0 ? '/' : requestPath.slice(0, last);
}
