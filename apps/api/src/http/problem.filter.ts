import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { StoreFailures } from '@muster/application';
import { knownProblem } from './error-mapping';
import { ReplayedResponse } from './idempotency.interceptor';
import { problem, PROBLEM_CONTENT_TYPE } from './problem';
import { asProblemBody } from './responses';

/** One error shape: every failure leaves as problem+json; a 500 shows only an id found in the log. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(
    @InjectPinoLogger('http') private readonly logger: PinoLogger,
    private readonly failures: StoreFailures,
  ) {}

  catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') return;
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (error instanceof ReplayedResponse) {
      void reply.status(error.status).header('idempotent-replayed', 'true').send(error.body);
      return;
    }
    let body = knownProblem(error, this.failures);
    if (body === undefined) {
      const errorId = randomUUID();
      this.logger.error({ err: error, errorId }, 'unhandled error');
      body = problem('internal-error', `reference ${errorId} when reporting this`, undefined, errorId);
    } else if (body.status >= 500) {
      this.logger.warn({ err: error }, body.detail);
    }
    if (body.status === 401) void reply.header('www-authenticate', 'Bearer');
    if (body.status === 503) void reply.header('retry-after', '5');
    void reply.status(body.status).header('content-type', PROBLEM_CONTENT_TYPE).send(asProblemBody(body));
  }
}
