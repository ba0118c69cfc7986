import {
  type Channel,
  ChannelRefused,
  ChannelSender,
  type OutgoingMessage,
  type Recipient,
  type SendReceipt,
} from '@muster/application';
import { postJson } from './http-post';
import { SIGNATURE_HEADER, signWebhook } from './webhook-signature';

export interface WebhookSubscriberSettings {
  name: string;
  url: string;
  secret: string;
}

/** The key a subscriber is known by among recipients. */
export function subscriberKey(name: string): string {
  return `webhook:${name}`;
}

/** The configured subscribers as recipients, for whoever plans who is sent what. No secret leaves the channel. */
export function subscriberRecipients(subscribers: readonly WebhookSubscriberSettings[]): Recipient[] {
  return subscribers.map(({ name, url }) => ({ key: subscriberKey(name), name, webhookUrl: url }));
}

/**
 * The body a subscriber receives: which notification (its id, to drop a repeat), which journal event, what
 * it says in one line, and where to read it. Never a sensitive item's content: only what the message says.
 */
export function webhookBody(message: OutgoingMessage): string {
  return JSON.stringify({
    id: message.id,
    event: { type: message.event.type, seq: message.event.seq, at: message.event.at },
    subject: message.subject,
    link: message.link,
  });
}

/** Signed webhooks for councils' own systems: each subscriber has its own URL and secret, both from configuration. */
export class WebhookSender extends ChannelSender {
  readonly channel: Channel = 'webhook';
  private readonly byKey: Map<string, WebhookSubscriberSettings>;

  constructor(
    subscribers: readonly WebhookSubscriberSettings[],
    private readonly timeoutMs: number,
    private readonly now: () => Date = () => new Date(),
  ) {
    super();
    this.byKey = new Map(subscribers.map((s) => [subscriberKey(s.name), s]));
  }

  reaches(recipient: Recipient): boolean {
    return this.byKey.has(recipient.key);
  }

  async send(message: OutgoingMessage, to: Recipient): Promise<SendReceipt> {
    const subscriber = this.byKey.get(to.key);
    if (subscriber === undefined) throw new ChannelRefused(`no webhook subscriber ${to.key}`, false);
    const body = webhookBody(message);
    const { status } = await postJson(`webhook ${subscriber.name}`, subscriber.url, body, {
      timeoutMs: this.timeoutMs,
      headers: {
        [SIGNATURE_HEADER]: signWebhook(subscriber.secret, body, this.now()),
        'X-Muster-Delivery': message.id,
      },
    });
    return { status: `HTTP ${String(status)}` };
  }
}
