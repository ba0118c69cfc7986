import {
  type Channel,
  ChannelRefused,
  ChannelSender,
  type OutgoingMessage,
  type Recipient,
  type SendReceipt,
} from '@muster/application';

/**
 * A channel in memory: records every message it is handed, and refuses the next sends when told to (a
 * provider down, a bad address), so delivery can be tested for retries and for sending once.
 */
export class FakeChannelSender extends ChannelSender {
  readonly sent: Array<{ message: OutgoingMessage; to: Recipient }> = [];
  private readonly refusals: ChannelRefused[] = [];

  constructor(readonly channel: Channel = 'email') {
    super();
  }

  reaches(recipient: Recipient): boolean {
    switch (this.channel) {
      case 'email':
        return recipient.email !== undefined;
      case 'sms':
        return recipient.mobile !== undefined;
      case 'teams':
        return recipient.teamsWebhook !== undefined;
      case 'webhook':
        return recipient.webhookUrl !== undefined;
    }
  }

  /** The next `times` sends fail with this refusal, then sends succeed again. */
  refuseNext(refusal: ChannelRefused, times = 1): void {
    for (let i = 0; i < times; i++) this.refusals.push(refusal);
  }

  async send(message: OutgoingMessage, to: Recipient): Promise<SendReceipt> {
    await Promise.resolve();
    const refusal = this.refusals.shift();
    if (refusal !== undefined) throw refusal;
    this.sent.push({ message, to });
    return { reference: `${this.channel}-${String(this.sent.length)}`, status: 'accepted' };
  }
}
