import { createHash } from 'node:crypto';

/** 256 random bits, URL-safe: a key cannot be guessed, so a fast hash of it is enough to store. */
export const FEED_KEY = /^[A-Za-z0-9_-]{43}$/;

export function feedKeyHash(key: string): Uint8Array {
  return createHash('sha256').update(key, 'utf8').digest();
}
