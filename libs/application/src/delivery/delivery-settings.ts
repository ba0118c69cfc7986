import type { ChannelSender } from '../ports/channels';
import type { Channel } from '../ports/recipients';
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
}

/** The channels configured in this process (a channel without configuration is not here). */
export abstract class ConfiguredChannels {
  abstract readonly senders: readonly ChannelSender[];
}

/** The sender for a channel: the first configured (email may be SMTP or GOV.UK Notify, not both). */
export function senderFor(channels: ConfiguredChannels, channel: Channel): ChannelSender | undefined {
  return channels.senders.find((sender) => sender.channel === channel);
}
