import { DynamicModule, Module, type Provider } from '@nestjs/common';
import { CHANNEL_SENDERS, type ChannelSender } from '../ports/channels';
import { Clock, SystemClock } from '../ports/clock';
import { Recipients } from '../ports/recipients';
import { DeliverySettings, type DeliverySettingsValues } from './delivery-settings';
import { NotificationPlanner } from './notification-planner';
import { SendNotificationHandler } from './send-notification/send-notification.handler';

/**
 * Delivery, for the worker: the planner the relay calls and the handler the `notifications` queue runs.
 * The process gives its settings and the providers of `CHANNEL_SENDERS` (the configured channels).
 */
@Module({})
export class DeliveryModule {
  static forRoot(settings: DeliverySettingsValues, channels: Provider[]): DynamicModule {
    return {
      module: DeliveryModule,
      providers: [
        { provide: Clock, useClass: SystemClock },
        { provide: DeliverySettings, useValue: settings },
        ...channels,
        {
          provide: NotificationPlanner,
          inject: [Recipients, CHANNEL_SENDERS],
          useFactory: (recipients: Recipients, senders: readonly ChannelSender[]) =>
            new NotificationPlanner(recipients, senders, settings.subscribers),
        },
        SendNotificationHandler,
      ],
      exports: [NotificationPlanner, CHANNEL_SENDERS, DeliverySettings],
    };
  }
}
