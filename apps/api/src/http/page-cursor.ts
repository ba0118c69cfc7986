import { z } from 'zod';

/**
 * A list's `cursor` as it may arrive: what `next` gave (base64url), bounded. Which list it belongs to and
 * what it points at are checked when it is read (`decodeCursor`), also as a 400 naming `cursor`.
 */
export const pageCursor = z
  .string()
  .max(256, { error: 'is not a cursor this list gave' })
  .regex(/^[A-Za-z0-9_-]+$/, { error: 'is not a cursor this list gave' });
