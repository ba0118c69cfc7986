import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Job, Worker } from 'bullmq';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { PurgeExpiredRecords, PurgeOutcome } from '@muster/application';
import { CONFIG } from '@muster/config';
import type { Config } from '@muster/config';
import { QUEUES, RETENTION_JOB_OPTIONS, RETENTION_SCHEDULE, RetentionJob } from '@muster/messaging';
import { TimerQueues } from '../timers/timer-queues';

/**
 * The nightly purge of records past their retention: a BullMQ job scheduler in the region's time zone,
 * upserted by every worker at start (idempotent), each run handed to one of them.
 */
@Injectable()
export class RetentionProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private worker: Worker<RetentionJob, PurgeOutcome[]> | undefined;

  constructor(
    private readonly queues: TimerQueues,
    private readonly commands: CommandBus,
    @Inject(CONFIG) private readonly config: Config,
    @InjectPinoLogger(RetentionProcessor.name) private readonly logger: PinoLogger,
  ) {}

  onApplicationBootstrap(): void {
    this.worker = new Worker<RetentionJob, PurgeOutcome[]>(QUEUES.retention, (job) => this.run(job), {
      connection: this.queues.workerConnection('muster-worker-retention'),
      prefix: this.queues.prefix,
      concurrency: 1,
    });
    this.worker.on('failed', (job, error) =>
      this.logger.warn(
        { err: error, jobId: job?.id, attempt: job?.attemptsMade },
        'retention purge failed; it will retry',
      ),
    );
    this.worker.on('error', (error) => this.logger.warn({ err: error }, 'retention worker error'));
    // In the background: with Redis away the upsert waits for it, and start-up should not.
    void this.upsertSchedule().catch((error: unknown) =>
      this.logger.error({ err: error }, 'retention schedule not set'),
    );
  }

  private async upsertSchedule(): Promise<void> {
    const tz = this.config.region.timeZone;
    const { id, pattern } = RETENTION_SCHEDULE;
    await this.queues.retention.upsertJobScheduler(
      id,
      { pattern, tz },
      { name: id, data: { kind: 'purge' }, opts: RETENTION_JOB_OPTIONS },
    );
    this.logger.info({ timeZone: tz, schedule: RETENTION_SCHEDULE }, 'retention schedule in place');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
  }

  private async run(job: Job<RetentionJob, PurgeOutcome[]>): Promise<PurgeOutcome[]> {
    const outcomes = await this.commands.execute(new PurgeExpiredRecords());
    this.logger.info({ jobId: job.id, outcomes }, 'retention purge done');
    return outcomes;
  }
}
