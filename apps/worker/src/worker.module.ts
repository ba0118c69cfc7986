import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { LoggerModule } from 'nestjs-pino';
import { ApplicationModule } from '@muster/application';
import { ConfigModule, pinoOptions } from '@muster/config';
import type { Config } from '@muster/config';
import { PersistenceModule } from '@muster/persistence';
import { CHANNEL_SENDERS_PROVIDER, ChannelRegistry } from './channels/channel-registry';
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
        QueueMonitor,
        ChannelRegistry,
        CHANNEL_SENDERS_PROVIDER,
      ],
    };
  }
}
