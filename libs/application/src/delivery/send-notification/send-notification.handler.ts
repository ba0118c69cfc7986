import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Inject } from '@nestjs/common';
import { CHANNEL_SENDERS, ChannelRefused, type ChannelSender, type SendReceipt } from '../../ports/channels';
import { Clock } from '../../ports/clock';
import { NotificationOutbox, type NotificationRecord } from '../../ports/notification-outbox';
import { DecisionRequestReader, EscalationReader } from '../../ports/readers';
import { type Recipient, Recipients } from '../../ports/recipients';
import { DeliverySettings, senderFor } from '../delivery-settings';
import { outgoingMessage } from '../notification-message';
import { mayRetry, retryDelayMs } from '../retry-backoff';
import { whyMoot } from '../subject-check';
import { SendNotification, type SendOutcome } from './send-notification.command';

/**
 * Sends one notification at most once per claim: re-reads the row, drops it if the world moved on, marks
 * it `sending` (one more attempt, leased) before the provider is called, and records what came back.
 */
@CommandHandler(SendNotification)
export class SendNotificationHandler implements ICommandHandler<SendNotification> {
  constructor(
    private readonly outbox: NotificationOutbox,
    private readonly recipients: Recipients,
    @Inject(CHANNEL_SENDERS) private readonly senders: readonly ChannelSender[],
    private readonly escalations: EscalationReader,
    private readonly requests: DecisionRequestReader,
    private readonly settings: DeliverySettings,
    private readonly clock: Clock,
  ) {}

  async execute({ notificationId }: SendNotification): Promise<SendOutcome> {
    const row = await this.outbox.byId(notificationId);
    if (row === undefined || (row.status !== 'pending' && row.status !== 'sending')) return { outcome: 'settled' };
    const moot = await whyMoot(row, this.escalations, this.requests);
    if (moot !== undefined) {
      return (await this.outbox.markCancelled(row.id, moot))
        ? { outcome: 'cancelled', channel: row.channel }
        : { outcome: 'settled' };
    }
    const now = this.clock.now();
    const claim = await this.outbox.claim(row.id, now, new Date(now.getTime() + this.settings.sendTimeoutMs));
    if (!claim.claimed)
      return claim.reason === 'early' ? { outcome: 'early', dueAt: claim.dueAt } : { outcome: 'settled' };
    return this.attempt(claim.notification);
  }

  private async attempt(notification: NotificationRecord): Promise<SendOutcome> {
    const sender = senderFor(this.senders, notification.channel);
    if (sender === undefined) return this.fail(notification, `the ${notification.channel} channel is not configured`);
    const [recipient, event] = await Promise.all([
      this.recipientOf(notification.recipientKey),
      this.outbox.event(notification.eventSeq),
    ]);
    if (recipient === undefined) return this.fail(notification, 'the recipient is no longer in the directory');
    if (event === undefined) return this.fail(notification, 'the event is not in the journal');
    if (!sender.reaches(recipient)) return this.fail(notification, `no ${notification.channel} address any more`);
    const message = outgoingMessage(notification, event, this.settings);
    if (message === undefined) return this.fail(notification, 'nothing to say about this event');
    let receipt: SendReceipt;
    try {
      // The notification id goes to the provider as its idempotency key (SMTP Message-ID, Notify reference,
      // webhook id). The only duplicate window is a crash after the provider accepted and before the row is
      // marked sent; a receiver can drop such a repeat by that id.
      receipt = await sender.send(message, recipient);
    } catch (error) {
      return this.refused(notification, error);
    }
    await this.outbox.markSent(notification.id, receipt, this.clock.now());
    return { outcome: 'sent', channel: notification.channel };
  }

  private async recipientOf(key: string): Promise<Recipient | undefined> {
    return this.settings.subscribers.find((s) => s.key === key) ?? (await this.recipients.byKey(key));
  }

  private async refused(notification: NotificationRecord, error: unknown): Promise<SendOutcome> {
    // Anything but a provider's considered refusal (a bug, a dropped connection) may pass: try again.
    const retryable = error instanceof ChannelRefused ? error.retryable : true;
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : 'the send failed';
    if (!retryable || !mayRetry(notification.attempts, this.settings.retry)) {
      return this.fail(notification, reason);
    }
    const dueAt = new Date(this.clock.now().getTime() + retryDelayMs(notification.attempts, this.settings.retry));
    await this.outbox.markRetry(notification.id, dueAt, reason);
    return { outcome: 'retry', dueAt: dueAt.toISOString(), channel: notification.channel };
  }

  private async fail(notification: NotificationRecord, reason: string): Promise<SendOutcome> {
    await this.outbox.markFailed(notification.id, reason);
    return { outcome: 'failed', channel: notification.channel };
  }
}
