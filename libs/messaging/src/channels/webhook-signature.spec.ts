import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { signWebhook, verifyWebhook } from './webhook-signature';

const SECRET = 'a-subscriber-secret-of-32-characters-or-more';
const AT = new Date('2026-11-22T09:00:00.000Z');

describe('the X-Muster-Signature header', () => {
  it('is t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">', () => {
    const body = '{"id":"n-1"}';
    const t = AT.getTime() / 1000;
    const v1 = createHmac('sha256', SECRET)
      .update(`${String(t)}.${body}`)
      .digest('hex');
    expect(signWebhook(SECRET, body, AT)).toBe(`t=${String(t)},v1=${v1}`);
  });

  it('verifies any body it signed, within the tolerance, and nothing changed', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.integer({ min: -300, max: 300 }), (body, skew) => {
        const header = signWebhook(SECRET, body, AT);
        expect(verifyWebhook(SECRET, body, header, new Date(AT.getTime() + skew * 1000))).toBe('valid');
        expect(verifyWebhook(SECRET, `${body}x`, header, AT)).toBe('bad-signature');
        expect(verifyWebhook(`${SECRET}x`, body, header, AT)).toBe('bad-signature');
      }),
    );
  });

  it('refuses a signature older or newer than five minutes: a replay', () => {
    const header = signWebhook(SECRET, '{}', AT);
    expect(verifyWebhook(SECRET, '{}', header, new Date(AT.getTime() + 301_000))).toBe('too-old');
    expect(verifyWebhook(SECRET, '{}', header, new Date(AT.getTime() - 301_000))).toBe('too-old');
  });

  it('calls anything else malformed', () => {
    for (const header of [undefined, '', 't=abc,v1=00', 'v1=' + '0'.repeat(64), `t=1,v1=${'g'.repeat(64)}`]) {
      expect(verifyWebhook(SECRET, '{}', header, AT)).toBe('malformed');
    }
  });
});
