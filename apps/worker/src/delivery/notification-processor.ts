import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DelayedError, Job, Worker } from 'bullmq';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { SendNotification, type SendOutcome } from '@muster/application';
import { type JobPayloads, QUEUES } from '@muster/messaging';
import { WorkerMetrics } from '../ops/worker-metrics';
import { TimerQueues } from '../timers/timer-queues';

/** A crashed worker's job is taken over within this bound (BullMQ's lock and stall check). */
const LOCK_MS = 10_000;
const STALLED_CHECK_MS = 5_000;

/**
 * Runs the `notifications` queue: each job sends its outbox row (which re-reads itself and sends at most
 * once per claim). A retry or a send another worker still holds waits on the same job, delayed.
 */
@Injectable()
export class NotificationProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private worker: Worker<JobPayloads['notifications'], SendOutcome> | undefined;

  constructor(
    private readonly queues: TimerQueues,
    private readonly commands: CommandBus,
    private readonly metrics: WorkerMetrics,
    @InjectPinoLogger(NotificationProcessor.name) private readonly logger: PinoLogger,
  ) {}

  onApplicationBootstrap(): void {
    this.worker = new Worker<JobPayloads['notifications'], SendOutcome>(
      QUEUES.notifications,
      (job, token) => this.run(job, token),
      {
        connection: this.queues.workerConnection('muster-worker-notifications'),
        prefix: this.queues.prefix,
        concurrency: 16,
        lockDuration: LOCK_MS,
        stalledInterval: STALLED_CHECK_MS,
        // A job that stalls with its worker is run again; the row's lease, not this count, prevents a double send.
        maxStalledCount: 100,
      },
    );
    this.worker.on('failed', (job, error) => {
      this.logger.warn({ err: error, jobId: job?.id, attempt: job?.attemptsMade }, 'notification job failed');
    });
    this.worker.on('error', (error) => {
      this.logger.warn({ err: error }, 'notification worker error');
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
  }

  private async run(
    job: Job<JobPayloads['notifications'], SendOutcome>,
    token: string | undefined,
  ): Promise<SendOutcome> {
    const result: SendOutcome = await this.commands.execute(new SendNotification(job.data.notificationId));
    if (result.outcome !== 'settled' && result.channel !== undefined) {
      this.metrics.notifications.inc({ channel: result.channel, outcome: result.outcome });
    }
    this.logger.info({ jobId: job.id, outcome: result.outcome }, 'notification job ran');
    if ((result.outcome === 'retry' || result.outcome === 'early') && token !== undefined) {
      await job.moveToDelayed(Date.parse(result.dueAt), token);
      throw new DelayedError();
    }
    return result;
  }
}
