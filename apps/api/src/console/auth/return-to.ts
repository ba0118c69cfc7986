/** Longer than any console address; a longer one is not a page to come back to. */
const MAX_LENGTH = 2_000;
const BASE = 'http://console.invalid';
/** Sign-in's own addresses would send the person round in a loop. */
const NOT_A_DESTINATION = /^\/(signin|signout|signed-out|auth)(\/|$)/;

/**
 * Where to bring a person back after sign-in: a path on this console (with its query), never another
 * origin (`//evil.example`, `/\evil.example`, `https:`), and `/` for anything else.
 */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== 'string' || value.length > MAX_LENGTH) return '/';
  // Browsers read a backslash as a slash and drop tabs and newlines: `/\evil` and `/\t/evil` are other hosts.
  // eslint-disable-next-line no-control-regex -- finding control characters is this pattern's purpose
  if (!value.startsWith('/') || /[\\\u0000-\u001f\u007f]/.test(value) || value.startsWith('//')) return '/';
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return '/';
  }
  if (url.origin !== BASE || NOT_A_DESTINATION.test(url.pathname)) return '/';
  return `${url.pathname}${url.search}`;
}
