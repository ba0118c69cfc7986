import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { LoggerModule } from 'nestjs-pino';
import { ApplicationModule, DeliveryModule } from '@muster/application';
import { ConfigModule, pinoOptions } from '@muster/config';
import type { Config } from '@muster/config';
import { subscriberRecipients } from '@muster/messaging';
import { PersistenceModule } from '@muster/persistence';
import { CHANNEL_SENDERS_PROVIDER, ChannelRegistry } from './channels/channel-registry';
import { NotificationPlanning } from './delivery/notification-planning';
import { NotificationProcessor } from './delivery/notification-processor';
import { NotificationReconciler } from './delivery/notification-reconciler';
import { WorkerOpsServer } from './ops/ops-server';
import { QueueMonitor } from './ops/queue-monitor';
import { WorkerHealth } from './ops/worker-health';
import { WorkerMetrics } from './ops/worker-metrics';
import { FeedProcessor } from './processors/feed-processor';
import { RetentionProcessor } from './processors/retention-processor';
import { TimerProcessors } from './processors/timer-processors';
import { RelayService } from './relay/relay.service';
import { TimerQueues } from './timers/timer-queues';
import { TimerReconciler } from './timers/timer-reconciler';

@Module({})
export class WorkerModule {
  static forRoot(config: Config): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({ pinoHttp: pinoOptions(config, 'worker') }),
        CqrsModule.forRoot(),
        PersistenceModule.forRoot('muster-worker'),
        ApplicationModule.forRoot({ ackSla: config.escalation.ackSlaMs, timeZone: config.region.timeZone }),
        DeliveryModule.forRoot(
          {
            retry: {
              delayMs: config.delivery.retryDelayMs,
              maxDelayMs: config.delivery.retryMaxDelayMs,
              maxAttempts: config.delivery.maxAttempts,
            },
            sendTimeoutMs: config.delivery.sendTimeoutMs,
            publicUrl: config.http.publicUrl,
            timeZone: config.region.timeZone,
            subscribers: subscriberRecipients(config.channels.webhooks),
          },
          [ChannelRegistry, CHANNEL_SENDERS_PROVIDER],
        ),
      ],
      providers: [
        WorkerMetrics,
        WorkerHealth,
        WorkerOpsServer,
        TimerQueues,
        RelayService,
        TimerProcessors,
        FeedProcessor,
        RetentionProcessor,
        TimerReconciler,
        NotificationPlanning,
        NotificationProcessor,
        NotificationReconciler,
        QueueMonitor,
      ],
    };
  }
}
