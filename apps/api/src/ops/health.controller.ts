import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import type { z } from 'zod';
import { Public } from '../auth/public.decorator';
import { Returns } from '../http/responses';
import { ApiRedis } from './api-redis';
import { liveness, readiness } from './health.responses';

const CHECK_TIMEOUT_MS = 2_000;

type CheckResult = { status: 'up' } | { status: 'down'; error: string };
type Readiness = z.output<typeof readiness>;

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
  @ApiOperation({ summary: 'Liveness', description: 'The process is up and serving; says nothing of its dependencies.' })
  @Returns(200, liveness, 'Up.')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Ready for traffic: PostgreSQL and Redis both answer within a bound. */
  @Get('ready')
  @ApiOperation({ summary: 'Readiness', description: 'PostgreSQL and Redis both answer within 2 s.' })
  @Returns(200, readiness, 'Ready for traffic.')
  @ApiResponse({ status: 503, description: 'Not ready: the checks say which dependency is down.', standardSchema: readiness })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<Readiness> {
    const [database, redis] = await Promise.all([
      check(() => this.dataSource.query('SELECT 1')),
      check(() => this.redis.client.ping()),
    ]);
    const ready = database.status === 'up' && redis.status === 'up';
    void reply.status(ready ? 200 : 503);
    return { status: ready ? 'ready' : 'unavailable', checks: { database, redis } };
  }
}

async function check(probe: () => Promise<unknown>): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
      }),
    ]);
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}
