import { ChannelRefused } from '@muster/application';
import { messageRecipient, outgoingMessage } from '@muster/builders';
import { readMail, startSmtpCapture, type SmtpCapture } from '@muster/testing';
import { messageIdFor, SmtpSender } from './smtp-sender';

const FROM = 'Muster <muster@notify.westmidlands.example.gov.uk>';

describe('email over SMTP, to a real SMTP server', () => {
  let smtp: SmtpCapture;
  let sender: SmtpSender;

  beforeAll(async () => {
    smtp = await startSmtpCapture();
    sender = new SmtpSender({ url: smtp.url, from: FROM, timeoutMs: 5_000 });
  });
  afterEach(() => {
    smtp.refuse('rcpt', undefined);
    smtp.refuse('data', undefined);
  });
  afterAll(async () => {
    sender.close();
    await smtp.close();
  });

  it('delivers the subject, the body and the link, with a Message-ID derived from the notification id', async () => {
    const message = outgoingMessage();
    const receipt = await sender.send(message, messageRecipient());

    const mail = smtp.mails.at(-1);
    expect(mail).toMatchObject({
      from: 'muster@notify.westmidlands.example.gov.uk',
      to: ['holder@birmingham.example.gov.uk'],
    });
    const { headers, text } = readMail(mail?.raw ?? '');
    expect(headers.get('subject')).toBe(message.subject);
    expect(headers.get('message-id')).toBe(
      '<notification.7d3f1c2a-5b8e-4f0a-9c6d-1e2f3a4b5c6d@notify.westmidlands.example.gov.uk>',
    );
    expect(headers.get('x-muster-notification')).toBe(message.id);
    expect(text).toBe(`${message.body}\n\nOpen it in Muster: ${message.link}\n`);
    // The receipt is what the server said when it took the message: SMTP's 250 line.
    expect(receipt).toEqual({ reference: headers.get('message-id'), status: expect.stringMatching(/^250 /) as string });
  });

  it('sends a retried notification with the same Message-ID, so the receiver can drop the repeat', async () => {
    const message = outgoingMessage({ id: 'retried-notification' });
    await sender.send(message, messageRecipient());
    await sender.send(message, messageRecipient());
    const ids = smtp.mails.slice(-2).map((mail) => readMail(mail.raw).headers.get('message-id'));
    expect(ids).toEqual([messageIdFor('retried-notification', FROM), messageIdFor('retried-notification', FROM)]);
  });

  it.each([421, 450, 451, 452])('takes a %i at RCPT TO as temporary: retryable', async (code) => {
    smtp.refuse('rcpt', { code, text: 'Try again later' });
    const refusal = await sender.send(outgoingMessage(), messageRecipient()).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(ChannelRefused);
    expect(refusal).toMatchObject({ retryable: true, message: `SMTP server answered ${String(code)}` });
  });

  it.each([550, 551, 553])('takes a %i at RCPT TO (no such mailbox) as permanent: not retryable', async (code) => {
    smtp.refuse('rcpt', { code, text: 'No such user' });
    const refusal = await sender.send(outgoingMessage(), messageRecipient()).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(ChannelRefused);
    expect(refusal).toMatchObject({ retryable: false });
  });

  it('takes a 451 after DATA as temporary and a 554 as permanent', async () => {
    smtp.refuse('data', { code: 451, text: 'Local error' });
    await expect(sender.send(outgoingMessage(), messageRecipient())).rejects.toMatchObject({ retryable: true });
    smtp.refuse('data', { code: 554, text: 'Rejected' });
    await expect(sender.send(outgoingMessage(), messageRecipient())).rejects.toMatchObject({ retryable: false });
  });

  it('is retryable when the server cannot be reached', async () => {
    const closed = await startSmtpCapture();
    await closed.close();
    const nowhere = new SmtpSender({ url: closed.url, from: FROM, timeoutMs: 2_000 });
    try {
      await expect(nowhere.send(outgoingMessage(), messageRecipient())).rejects.toMatchObject({
        name: 'ChannelRefused',
        retryable: true,
      });
    } finally {
      nowhere.close();
    }
  });

  it('reaches only people with an email address', () => {
    expect(sender.reaches(messageRecipient())).toBe(true);
    expect(sender.reaches(messageRecipient({ email: undefined }))).toBe(false);
  });
});
