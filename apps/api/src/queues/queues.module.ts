import { Global, Module } from '@nestjs/common';
import { ApiQueues } from './api-queues';
import { QueueMetrics } from './queue-metrics';

@Global()
@Module({ providers: [ApiQueues, QueueMetrics], exports: [ApiQueues] })
export class QueuesModule {}
