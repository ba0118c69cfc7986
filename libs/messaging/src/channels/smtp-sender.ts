import { createHash } from 'node:crypto';
import { createTransport } from 'nodemailer';
import {
  type Channel,
  ChannelRefused,
  ChannelSender,
  type OutgoingMessage,
  type Recipient,
  type SendReceipt,
} from '@muster/application';
import { errorCode, refusedByError } from './channel-failure';
import { emailText } from './message-text';

export interface SmtpSettings {
  url: string;
  from: string;
  timeoutMs: number;
}

/**
 * The Message-ID a notification is always sent with, so a receiving system that sees a repeat (a send retried
 * after the server took it but the answer was lost) can drop it.
 */
export function messageIdFor(notificationId: string, from: string): string {
  const domain = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1] ?? 'muster.invalid';
  const left = /^[A-Za-z0-9._-]{1,64}$/.test(notificationId)
    ? notificationId
    : createHash('sha256').update(notificationId).digest('hex').slice(0, 40);
  return `<notification.${left}@${domain}>`;
}

/**
 * Email over SMTP (nodemailer, pooled connections). SMTP's own codes say whether to try again: 4xx is
 * temporary (421, 450, 451, 452), 5xx permanent (550 no such mailbox, 553, 554).
 */
export class SmtpSender extends ChannelSender {
  readonly channel: Channel = 'email';
  private readonly transport;

  constructor(private readonly settings: SmtpSettings) {
    super();
    this.transport = createTransport({
      url: settings.url,
      pool: true,
      maxConnections: 5,
      connectionTimeout: settings.timeoutMs,
      greetingTimeout: settings.timeoutMs,
      socketTimeout: settings.timeoutMs,
      // Muster sends plain text it wrote: nothing in a message may make nodemailer read a file or a URL.
      disableFileAccess: true,
      disableUrlAccess: true,
    });
  }

  reaches(recipient: Recipient): boolean {
    return recipient.email !== undefined && recipient.email !== '';
  }

  async send(message: OutgoingMessage, to: Recipient): Promise<SendReceipt> {
    if (to.email === undefined) throw new ChannelRefused('no email address', false);
    const messageId = messageIdFor(message.id, this.settings.from);
    try {
      const info = await this.transport.sendMail({
        from: this.settings.from,
        to: to.email,
        subject: message.subject,
        text: emailText(message),
        messageId,
        headers: {
          'X-Muster-Notification': message.id,
          'X-Muster-Event': `${message.event.type} ${String(message.event.seq)}`,
        },
      });
      if (info.accepted.length === 0) throw new ChannelRefused('the server accepted no recipient', false);
      return { reference: messageId, status: info.response };
    } catch (error) {
      throw refusedBySmtp(error);
    }
  }

  close(): void {
    this.transport.close();
  }
}

/** An SMTP reply code decides when there is one; otherwise a connection failure or timeout may pass. */
export function refusedBySmtp(error: unknown): ChannelRefused {
  if (error instanceof ChannelRefused) return error;
  const responseCode = (error as { responseCode?: unknown } | undefined)?.responseCode;
  if (typeof responseCode === 'number') {
    return new ChannelRefused(
      `SMTP server answered ${String(responseCode)}`,
      responseCode >= 400 && responseCode < 500,
    );
  }
  const code = errorCode(error);
  if (code === 'EAUTH' || code === 'ENOAUTH' || code === 'EENVELOPE') {
    return new ChannelRefused(`SMTP send failed (${code})`, false);
  }
  return refusedByError('SMTP server', error);
}
