import {
  ChannelRefused,
  ChannelSender,
  type Channel,
  type OutgoingMessage,
  type Recipient,
  type SendReceipt,
} from '@muster/application';

/** What a channel was asked to send, to whom. */
export interface SentMessage {
  message: OutgoingMessage;
  to: Recipient;
}

/**
 * A channel that records what it sends. `refuse(n, retryable)` makes the next n sends throw ChannelRefused,
 * as a provider that is down (retryable) or refuses the address (not) would.
 */
export class FakeChannelSender extends ChannelSender {
  readonly sent: SentMessage[] = [];
  private refusals: Array<{ retryable: boolean; message: string }> = [];

  constructor(
    readonly channel: Channel,
    private readonly address: (recipient: Recipient) => string | undefined = (r) => addressOn(channel, r),
  ) {
    super();
  }

  refuse(times: number, retryable: boolean, message = 'provider refused'): this {
    for (let i = 0; i < times; i++) this.refusals.push({ retryable, message });
    return this;
  }

  reaches(recipient: Recipient): boolean {
    return this.address(recipient) !== undefined;
  }

  async send(message: OutgoingMessage, to: Recipient): Promise<SendReceipt> {
    const refusal = this.refusals.shift();
    if (refusal !== undefined) throw new ChannelRefused(refusal.message, refusal.retryable);
    this.sent.push({ message, to });
    return Promise.resolve({ reference: `${this.channel}-${message.id}`, status: 'accepted' });
  }
}

function addressOn(channel: Channel, r: Recipient): string | undefined {
  switch (channel) {
    case 'email':
      return r.email;
    case 'sms':
      return r.mobile;
    case 'teams':
      return r.teamsWebhook;
    case 'webhook':
      return r.webhookUrl;
  }
}
