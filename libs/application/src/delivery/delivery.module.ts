import { DynamicModule, Module, type Provider } from '@nestjs/common';
import { Clock, SystemClock } from '../ports/clock';
import { Recipients } from '../ports/recipients';
import { ConfiguredChannels, DeliverySettings } from './delivery-settings';
import { NotificationPlanner } from './notification-planner';
import { SendNotificationHandler } from './send-notification/send-notification.handler';

/**
 * Delivery, for the worker: the planner the relay calls and the handler the `notifications` queue runs.
 * The process provides the configured channels (`channels`) and its settings.
 */
@Module({})
export class DeliveryModule {
  static forRoot(settings: DeliverySettings, channels: Provider<ConfiguredChannels>): DynamicModule {
    return {
      module: DeliveryModule,
      providers: [
        { provide: Clock, useClass: SystemClock },
        { provide: DeliverySettings, useValue: settings },
        channels,
        {
          provide: NotificationPlanner,
          inject: [Recipients, ConfiguredChannels],
          useFactory: (recipients: Recipients, configured: ConfiguredChannels) =>
            new NotificationPlanner(recipients, configured.senders),
        },
        SendNotificationHandler,
      ],
      exports: [NotificationPlanner, ConfiguredChannels, DeliverySettings],
    };
  }
}
