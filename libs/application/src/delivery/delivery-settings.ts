import type { ChannelSender } from '../ports/channels';
import type { Channel, Recipient } from '../ports/recipients';
import type { RetryPolicy } from './retry-backoff';

/** How the worker delivers: retries, the send lease, and where links point. Provided by the worker. */
export abstract class DeliverySettings {
  abstract readonly retry: RetryPolicy;
  /** A `sending` row whose send has not ended this long after it began is taken over by another attempt. */
  abstract readonly sendTimeoutMs: number;
  /** Links in messages are built from this, never from a request. */
  abstract readonly publicUrl: string;
  /** Times in messages are the region's wall clock. */
  abstract readonly timeZone: string;
  /** Councils' systems subscribed by signed webhook (`webhook:<name>`), from the channels' configuration. */
  abstract readonly subscribers: readonly Recipient[];
}

/** The settings as plain values, as configuration gives them (the class above is only the injection token). */
export type DeliverySettingsValues = Pick<DeliverySettings, keyof DeliverySettings>;

/** The sender for a channel among those configured (`CHANNEL_SENDERS`): the first one for it. */
export function senderFor(senders: readonly ChannelSender[], channel: Channel): ChannelSender | undefined {
  return senders.find((sender) => sender.channel === channel);
}
