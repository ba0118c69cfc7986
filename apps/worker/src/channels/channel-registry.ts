import { Inject, Injectable, OnApplicationShutdown, Provider } from '@nestjs/common';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { CHANNEL_SENDERS, type ChannelSender } from '@muster/application';
import { CONFIG, type Config } from '@muster/config';
import { closeSenders, configuredSenders } from '@muster/messaging';

/**
 * The channels this worker sends through, built once from the configuration. At start it says, one line per
 * route, which are configured and which are skipped and why (never a secret nor a message).
 */
@Injectable()
export class ChannelRegistry implements OnApplicationShutdown {
  readonly senders: readonly ChannelSender[];

  constructor(@Inject(CONFIG) config: Config, @InjectPinoLogger(ChannelRegistry.name) logger: PinoLogger) {
    const { senders, statuses } = configuredSenders(config.channels);
    this.senders = senders;
    for (const { route, configured, detail } of statuses) {
      logger.info(
        { channel: route, configured },
        `channel ${route}: ${configured ? 'configured' : 'skipped'}, ${detail}`,
      );
    }
  }

  onApplicationShutdown(): void {
    closeSenders(this.senders);
  }
}

/** `CHANNEL_SENDERS`: what the delivery engine injects to send a planned notification. */
export const CHANNEL_SENDERS_PROVIDER: Provider = {
  provide: CHANNEL_SENDERS,
  useFactory: (registry: ChannelRegistry): readonly ChannelSender[] => registry.senders,
  inject: [ChannelRegistry],
};
