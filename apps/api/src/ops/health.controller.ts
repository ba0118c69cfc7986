import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { readiness, type Readiness } from '@muster/config';
import { Public } from '../auth/public.decorator';
import { Returns } from '../http/responses';
import { ApiRedis } from './api-redis';
import { liveness, readinessReport } from './health.responses';

const CHECK_TIMEOUT_MS = 2_000;

@ApiTags('operations')
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
  @ApiOperation({
    summary: 'Liveness',
    description: 'The process is up and serving; says nothing of its dependencies.',
  })
  @Returns(200, liveness, 'Up.')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Ready for traffic: PostgreSQL and Redis both answer within a bound. */
  @Get('ready')
  @ApiOperation({ summary: 'Readiness', description: 'PostgreSQL and Redis both answer within 2 s.' })
  @Returns(200, readinessReport, 'Ready for traffic.')
  @ApiResponse({
    status: 503,
    description: 'Not ready: the checks say which dependency is down.',
    standardSchema: readinessReport,
  })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<Readiness['body']> {
    const { ready, body } = await readiness(
      { database: () => this.dataSource.query('SELECT 1'), redis: () => this.redis.client.ping() },
      CHECK_TIMEOUT_MS,
    );
    void reply.status(ready ? 200 : 503);
    return body;
  }
}
