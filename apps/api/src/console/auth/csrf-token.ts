import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A form's anti-forgery token: a fresh salt and the session secret's HMAC of it. Each page gets a new
 * token (so a compressed page never repeats one: BREACH), and any of them is good for the session.
 */
export function csrfToken(secret: string): string {
  const salt = randomBytes(16).toString('base64url');
  return `${salt}.${mac(secret, salt)}`;
}

export function csrfTokenValid(secret: string, token: unknown): boolean {
  if (typeof token !== 'string' || token.length > 200) return false;
  const [salt, given, extra] = token.split('.');
  if (salt === undefined || given === undefined || extra !== undefined || salt === '') return false;
  const expected = Buffer.from(mac(secret, salt));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

function mac(secret: string, salt: string): string {
  return createHmac('sha256', secret).update(`muster-console-form:${salt}`).digest('base64url');
}
