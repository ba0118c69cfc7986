import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header a signed webhook carries: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`. */
export const SIGNATURE_HEADER = 'X-Muster-Signature';

/** How far a receiver should let a signature's time be from its own clock before taking it as a replay. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export function signatureOf(secret: string, timestamp: number, rawBody: string): string {
  return createHmac('sha256', secret)
    .update(`${String(timestamp)}.${rawBody}`)
    .digest('hex');
}

/** The header's value for this body, signed at `at`. */
export function signWebhook(secret: string, rawBody: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${String(t)},v1=${signatureOf(secret, t, rawBody)}`;
}

/**
 * What a subscriber does with a delivery: recompute the signature over the raw body and refuse a time outside
 * the tolerance (a replay). Shipped so councils and Muster's own tests check signatures the same way.
 */
export function verifyWebhook(
  secret: string,
  rawBody: string,
  header: string | undefined,
  now: Date,
  toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS,
): 'valid' | 'malformed' | 'bad-signature' | 'too-old' {
  const parts = new Map(
    (header ?? '').split(',').map((part) => {
      const at = part.indexOf('=');
      return [part.slice(0, at).trim(), part.slice(at + 1).trim()] as const;
    }),
  );
  const t = Number(parts.get('t'));
  const given = parts.get('v1') ?? '';
  if (!Number.isSafeInteger(t) || !/^[0-9a-f]{64}$/.test(given)) return 'malformed';
  const expected = Buffer.from(signatureOf(secret, t, rawBody), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(given, 'hex'))) return 'bad-signature';
  return Math.abs(now.getTime() / 1000 - t) > toleranceSeconds ? 'too-old' : 'valid';
}
