import { createHmac, randomUUID } from 'node:crypto';
import { messageRecipient, outgoingMessage } from '@muster/builders';
import { type HttpReceiver, type ReceivedRequest, type Reply, startHttpReceiver } from '@muster/testing';
import { NotifyEmailSender } from './notify-email-sender';
import { NotifySmsSender } from './notify-sms-sender';

/** A key in Notify's documented format: `{key name}-{service id}-{secret key}`, both ids UUIDs. */
const SERVICE_ID = '26785a09-ab16-4eb0-8407-a37497a57506';
const SECRET_KEY = '3d844edf-8d35-48ac-975b-e847b4f122b0';
const API_KEY = `muster_test-${SERVICE_ID}-${SECRET_KEY}`;
const EMAIL_TEMPLATE = 'f33517ff-2a88-4f6e-b855-c550268ce08a';
const SMS_TEMPLATE = '0d5ac0c1-8a7f-4f35-9e4d-2b3a8b2d7e61';

const base64url = (text: string) => Buffer.from(text, 'base64url').toString('utf8');

/** Notify's authentication rule: a Bearer JWT, HS256 with the key's secret, `iss` the service id, `iat` within 30 s. */
function authProblem(authorization: string | undefined): string | undefined {
  const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
  const [header, payload, signature] = token?.split('.') ?? [];
  if (header === undefined || payload === undefined || signature === undefined) return 'no bearer token';
  if ((JSON.parse(base64url(header)) as { alg?: string }).alg !== 'HS256') return 'not HS256';
  const expected = createHmac('sha256', SECRET_KEY).update(`${header}.${payload}`).digest('base64url');
  if (expected !== signature) return 'signature does not match the key';
  const claims = JSON.parse(base64url(payload)) as { iss?: string; iat?: number };
  if (claims.iss !== SERVICE_ID) return 'iss is not the service id';
  if (typeof claims.iat !== 'number' || Math.abs(Date.now() / 1000 - claims.iat) > 30) return 'iat not within 30 s';
  return undefined;
}

/** What Notify answers a send it takes, or the error shape it documents. */
function emulateNotify(request: ReceivedRequest): Reply {
  const problem = authProblem(request.headers.authorization);
  if (problem !== undefined) {
    return { status: 403, body: { status_code: 403, errors: [{ error: 'AuthError', message: problem }] } };
  }
  const body = JSON.parse(request.body) as Record<string, unknown>;
  const email = request.path === '/v2/notifications/email';
  const to = email ? body.email_address : body.phone_number;
  if (request.method !== 'POST' || (!email && request.path !== '/v2/notifications/sms') || typeof to !== 'string') {
    return { status: 400, body: { status_code: 400, errors: [{ error: 'ValidationError', message: 'bad request' }] } };
  }
  const id = randomUUID();
  return {
    status: 201,
    body: {
      id,
      reference: body.reference,
      content: { body: 'rendered', subject: 'rendered' },
      uri: `/v2/notifications/${id}`,
      template: { id: body.template_id, version: 1, uri: '/v2/template/x' },
    },
  };
}

describe('GOV.UK Notify email and SMS, against a local server that checks what Notify requires', () => {
  let notify: HttpReceiver;
  let email: NotifyEmailSender;
  let sms: NotifySmsSender;

  beforeAll(async () => {
    notify = await startHttpReceiver(emulateNotify);
    const settings = { apiKey: API_KEY, baseUrl: notify.url, timeoutMs: 1_000 };
    email = new NotifyEmailSender(settings, EMAIL_TEMPLATE);
    sms = new NotifySmsSender(settings, SMS_TEMPLATE);
  });
  afterEach(() => {
    notify.answer(emulateNotify);
  });
  afterAll(() => notify.close());

  it("sends email with the template, the person's address, subject/body/link and the notification id as reference", async () => {
    const message = outgoingMessage();
    const receipt = await email.send(message, messageRecipient());
    const request = notify.requests.at(-1);
    expect(request?.path).toBe('/v2/notifications/email');
    expect(authProblem(request?.headers.authorization)).toBeUndefined();
    expect(JSON.parse(request?.body ?? '{}')).toEqual({
      template_id: EMAIL_TEMPLATE,
      email_address: 'holder@birmingham.example.gov.uk',
      personalisation: { subject: message.subject, body: message.body, link: message.link },
      reference: message.id,
    });
    expect(receipt).toEqual({ reference: expect.stringMatching(/^[0-9a-f-]{36}$/) as string, status: 'created' });
  });

  it('sends SMS to the mobile number the same way', async () => {
    const message = outgoingMessage();
    await sms.send(message, messageRecipient());
    const request = notify.requests.at(-1);
    expect(request?.path).toBe('/v2/notifications/sms');
    expect(JSON.parse(request?.body ?? '{}')).toEqual({
      template_id: SMS_TEMPLATE,
      phone_number: '07700900123',
      personalisation: { subject: message.subject, body: message.body, link: message.link },
      reference: message.id,
    });
  });

  it("is refused, not to be retried, when the key is not the service's", async () => {
    const otherSecret = `muster_test-${SERVICE_ID}-${randomUUID()}`;
    const wrong = new NotifyEmailSender({ apiKey: otherSecret, baseUrl: notify.url, timeoutMs: 1_000 }, EMAIL_TEMPLATE);
    await expect(wrong.send(outgoingMessage(), messageRecipient())).rejects.toMatchObject({
      name: 'ChannelRefused',
      message: 'GOV.UK Notify answered 403',
      retryable: false,
    });
  });

  it.each([
    [400, false],
    [429, true],
    [500, true],
    [503, true],
  ])('maps Notify answering %i to retryable %s', async (status, retryable) => {
    notify.answer(() => ({ status, body: { status_code: status, errors: [{ error: 'Error', message: 'x' }] } }));
    await expect(sms.send(outgoingMessage(), messageRecipient())).rejects.toMatchObject({
      name: 'ChannelRefused',
      retryable,
    });
  });

  it('gives up on an answer that does not come within the timeout, retryably', async () => {
    notify.answer(() => ({ status: 201, hang: true }));
    await expect(email.send(outgoingMessage(), messageRecipient())).rejects.toMatchObject({
      name: 'ChannelRefused',
      retryable: true,
    });
  });

  it('reaches people by the address each channel needs', () => {
    expect(email.reaches(messageRecipient({ email: undefined }))).toBe(false);
    expect(sms.reaches(messageRecipient({ mobile: undefined }))).toBe(false);
    expect(sms.reaches(messageRecipient({ email: undefined }))).toBe(true);
  });
});
