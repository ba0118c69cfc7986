import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { MARKINGS, ROLES } from '@muster/contracts';

/** What a session knows, sealed in its row: who, the provider's tokens, the forms' secret. */
const contentSchema = z.object({
  person: z.object({
    sub: z.string(),
    name: z.string(),
    roles: z.array(z.enum(ROLES)),
    authority: z.string().optional(),
    cells: z.array(z.string()),
    clearance: z.enum(MARKINGS),
  }),
  idToken: z.string(),
  refreshToken: z.string().optional(),
  csrfSecret: z.string(),
});

/**
 * What a session knows, sealed in its row: who (`person`), the provider's ID token (the end-session
 * request's `id_token_hint`) and refresh token, and the secret every form's CSRF token is derived from.
 */
export type SessionContent = z.infer<typeof contentSchema>;

/** 256 random bits, base64url: the cookie's value. */
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export function newSessionId(): string {
  return randomBytes(32).toString('base64url');
}

export function isSessionId(value: string | undefined): value is string {
  return value !== undefined && SESSION_ID.test(value);
}

/** The row's key: the id itself is never stored, so the table cannot be used to sign in. */
export function sessionIdHash(id: string): Uint8Array {
  return createHash('sha256').update(`console-session:${id}`).digest();
}

/** The provider's session id as stored (back-channel logout finds sessions by it). */
export function providerSidHash(sid: string): Uint8Array {
  return createHash('sha256').update(`provider-sid:${sid}`).digest();
}

/**
 * AES-256-GCM under a key derived from the session id, bound to the row by its id hash: a copy of the
 * table without the browsers' cookies holds no usable token, claim or secret.
 */
export function seal(id: string, content: SessionContent): Uint8Array {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keyOf(id), iv);
  cipher.setAAD(sessionIdHash(id));
  const body = Buffer.concat([cipher.update(JSON.stringify(content), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

/** The content, or undefined when it was not sealed for this id (or was altered). */
export function unseal(id: string, sealed: Uint8Array): SessionContent | undefined {
  const data = Buffer.from(sealed);
  if (data.length <= IV_BYTES + TAG_BYTES) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyOf(id), data.subarray(0, IV_BYTES));
    decipher.setAAD(sessionIdHash(id));
    decipher.setAuthTag(data.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    const text = Buffer.concat([decipher.update(data.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
      'utf8',
    );
    const parsed = contentSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function keyOf(id: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(id, 'utf8'), Buffer.alloc(0), 'muster console session seal', 32));
}
