import { createHmac, timingSafeEqual } from 'node:crypto';
import { outgoingMessage } from '@muster/builders';
import { type HttpReceiver, type ReceivedRequest, type Reply, startHttpReceiver } from '@muster/testing';
import { subscriberKey, subscriberRecipients, WebhookSender } from './webhook-sender';
import { verifyWebhook } from './webhook-signature';

const SECRET = 'coventry-webhook-secret-0123456789abcdef';
const TOLERANCE_SECONDS = 300;

/**
 * A council's receiver, written from the documented format alone: `X-Muster-Signature: t=<unix seconds>,
 * v1=<hex HMAC-SHA256 of "<t>.<raw body>">`; a wrong signature or a time more than five minutes out is refused.
 */
function councilReceiver(request: ReceivedRequest): Reply {
  const header = String(request.headers['x-muster-signature'] ?? '');
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (match === null) return { status: 400 };
  const [, t = '', v1 = ''] = match;
  const expected = createHmac('sha256', SECRET).update(`${t}.${request.body}`).digest();
  if (!timingSafeEqual(expected, Buffer.from(v1, 'hex'))) return { status: 401 };
  if (Math.abs(Date.now() / 1000 - Number(t)) > TOLERANCE_SECONDS) return { status: 401 };
  return { status: 204 };
}

describe('signed webhooks to a council system that recomputes the signature', () => {
  let council: HttpReceiver;
  const subscribers = () => [{ name: 'coventry', url: `${council.url}/muster/events`, secret: SECRET }];
  const coventry = () => subscriberRecipients(subscribers())[0] ?? { key: 'none', name: 'none' };

  beforeAll(async () => {
    council = await startHttpReceiver(councilReceiver);
  });
  afterAll(() => council.close());

  it('posts the notification id, the event and a one-line summary with a link, signed over the raw body', async () => {
    const sender = new WebhookSender(subscribers(), 1_000);
    const message = outgoingMessage();
    const receipt = await sender.send(message, coventry());
    const request = council.requests.at(-1);
    expect(receipt).toEqual({ status: 'HTTP 204' });
    expect(request?.path).toBe('/muster/events');
    expect(JSON.parse(request?.body ?? '{}')).toEqual({
      id: message.id,
      event: { type: 'escalation.raised', seq: 42, at: '2026-11-22T09:00:00.000Z' },
      subject: message.subject,
      link: message.link,
    });
    // The body never carries the message's text: only what identifies it and where to read it.
    expect(request?.body).not.toContain('Asha Patel');
    expect(request?.headers['x-muster-delivery']).toBe(message.id);
    expect(verifyWebhook(SECRET, request?.body ?? '', String(request?.headers['x-muster-signature']), new Date())).toBe(
      'valid',
    );
  });

  it('is refused when signed more than five minutes ago (a replay), and the verifier says why', async () => {
    const tenMinutesAgo = () => new Date(Date.now() - 600_000);
    const late = new WebhookSender(subscribers(), 1_000, tenMinutesAgo);
    await expect(late.send(outgoingMessage(), coventry())).rejects.toMatchObject({
      message: 'webhook coventry answered 401',
      retryable: false,
    });
    const request = council.requests.at(-1);
    expect(verifyWebhook(SECRET, request?.body ?? '', String(request?.headers['x-muster-signature']), new Date())).toBe(
      'too-old',
    );
  });

  it('is refused when signed with another secret, and a changed body fails verification', async () => {
    const wrong = new WebhookSender(
      [{ name: 'coventry', url: `${council.url}/muster/events`, secret: 'x'.repeat(40) }],
      1_000,
    );
    await expect(wrong.send(outgoingMessage(), coventry())).rejects.toMatchObject({ retryable: false });
    const request = council.requests.at(-1);
    const header = String(request?.headers['x-muster-signature']);
    expect(verifyWebhook('x'.repeat(40), `${request?.body ?? ''} `, header, new Date())).toBe('bad-signature');
    expect(verifyWebhook(SECRET, request?.body ?? '', 'v1=abc', new Date())).toBe('malformed');
  });

  it('is retryable when the council answers 5xx or cannot be reached', async () => {
    council.answer(() => ({ status: 503 }));
    const sender = new WebhookSender(subscribers(), 1_000);
    await expect(sender.send(outgoingMessage(), coventry())).rejects.toMatchObject({ retryable: true });
    council.answer(councilReceiver);
    const gone = await startHttpReceiver();
    await gone.close();
    const nowhere = new WebhookSender([{ name: 'coventry', url: gone.url, secret: SECRET }], 1_000);
    await expect(nowhere.send(outgoingMessage(), coventry())).rejects.toMatchObject({ retryable: true });
  });

  it('reaches configured subscribers only', () => {
    const sender = new WebhookSender(subscribers(), 1_000);
    expect(sender.reaches(coventry())).toBe(true);
    expect(sender.reaches({ key: subscriberKey('dudley'), name: 'dudley' })).toBe(false);
    expect(coventry()).toEqual({
      key: 'webhook:coventry',
      name: 'coventry',
      webhookUrl: `${council.url}/muster/events`,
    });
  });
});
