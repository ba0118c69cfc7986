import { Global, Module } from '@nestjs/common';
import { ApiRedis } from './api-redis';
import { HealthController } from './health.controller';
import { ApiMetrics } from './metrics';
import { MetricsController } from './metrics.controller';

@Global()
@Module({
  controllers: [HealthController, MetricsController],
  providers: [ApiRedis, ApiMetrics],
  exports: [ApiRedis, ApiMetrics],
})
export class OpsModule {}
