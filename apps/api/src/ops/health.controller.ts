import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { readiness, type CheckResult } from '@muster/config';
import { Public } from '../auth/public.decorator';
import { ApiRedis } from './api-redis';

const CHECK_TIMEOUT_MS = 2_000;

@ApiExcludeController()
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly redis: ApiRedis,
  ) {}

  /** The process is up and serving; says nothing of its dependencies. */
  @Get('live')
  @HttpCode(200)
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Ready for traffic: PostgreSQL and Redis both answer within a bound. */
  @Get('ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<{ status: string; checks: Record<string, CheckResult> }> {
    const { ready, body } = await readiness(
      { database: () => this.dataSource.query('SELECT 1'), redis: () => this.redis.client.ping() },
      CHECK_TIMEOUT_MS,
    );
    void reply.status(ready ? 200 : 503);
    return body;
  }
}
