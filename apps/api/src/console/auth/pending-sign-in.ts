import * as client from 'openid-client';
import { z } from 'zod';
import { safeReturnTo } from './return-to';

/** A sign-in under way, kept in the browser's own HttpOnly cookie between /signin and the callback. */
export interface PendingSignIn {
  state: string;
  /** PKCE: the provider gets its S256 challenge; only this browser can exchange the code. */
  verifier: string;
  returnTo: string;
}

/** Ten minutes to get through the provider's sign-in form. */
export const PENDING_SIGN_IN_SECONDS = 600;

const pendingSchema = z.strictObject({
  state: z.string().min(16).max(200),
  verifier: z.string().min(43).max(128),
  returnTo: z.string().max(2_000),
});

export function newPendingSignIn(returnTo: unknown): PendingSignIn {
  return { state: client.randomState(), verifier: client.randomPKCECodeVerifier(), returnTo: safeReturnTo(returnTo) };
}

export function encodePending(pending: PendingSignIn): string {
  return Buffer.from(JSON.stringify(pending), 'utf8').toString('base64url');
}

/** The cookie's sign-in, or undefined when it is missing or not one this console wrote. */
export function decodePending(cookie: string | undefined): PendingSignIn | undefined {
  if (cookie === undefined || cookie.length > 4_000) return undefined;
  try {
    const parsed = pendingSchema.safeParse(JSON.parse(Buffer.from(cookie, 'base64url').toString('utf8')));
    return parsed.success ? { ...parsed.data, returnTo: safeReturnTo(parsed.data.returnTo) } : undefined;
  } catch {
    return undefined;
  }
}
