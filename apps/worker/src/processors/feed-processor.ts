import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Job, Worker } from 'bullmq';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { CONFIG } from '@muster/config';
import type { Config } from '@muster/config';
import { FEED_JOB_OPTIONS, FEED_SCHEDULES, FeedJob, QUEUES } from '@muster/messaging';
import { TimerQueues } from '../timers/timer-queues';
import { FEED_COMMANDS, FeedRun } from './feed-commands';

/** What a feed job reports when done (kept in Redis with the completed job, and logged). */
export type FeedJobResult =
  | { kind: 'daily'; date: string; version: number; generatedAt: string }
  | { kind: 'weekly'; week: string; generated: string[] };

/**
 * The daily feed and the weekly briefing: BullMQ job schedulers in the region's time zone, so 07:00 stays
 * 07:00 local across the clock changes. Every worker upserts the same scheduler ids at start (idempotent),
 * and BullMQ hands each run to one of them.
 */
@Injectable()
export class FeedProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private worker: Worker<FeedJob, FeedJobResult> | undefined;

  constructor(
    private readonly queues: TimerQueues,
    private readonly commands: CommandBus,
    @Inject(CONFIG) private readonly config: Config,
    @InjectPinoLogger(FeedProcessor.name) private readonly logger: PinoLogger,
  ) {}

  onApplicationBootstrap(): void {
    this.worker = new Worker<FeedJob, FeedJobResult>(QUEUES.feeds, (job) => this.run(job), {
      connection: this.queues.workerConnection('muster-worker-feeds'),
      prefix: this.queues.prefix,
      // One feed at a time per worker: they are heavier than timers and never urgent to the second.
      concurrency: 1,
    });
    this.worker.on('failed', (job, error) =>
      this.logger.warn({ err: error, jobId: job?.id, attempt: job?.attemptsMade }, 'feed job failed; it will retry'),
    );
    this.worker.on('error', (error) => this.logger.warn({ err: error }, 'feed worker error'));
    // In the background: with Redis away the upsert waits for it, and start-up should not.
    void this.upsertSchedules().catch((error: unknown) => this.logger.error({ err: error }, 'feed schedules not set'));
  }

  private async upsertSchedules(): Promise<void> {
    const tz = this.config.region.timeZone;
    for (const kind of ['daily', 'weekly'] as const) {
      const { id, pattern } = FEED_SCHEDULES[kind];
      await this.queues.feeds.upsertJobScheduler(
        id,
        { pattern, tz },
        { name: id, data: { kind }, opts: FEED_JOB_OPTIONS },
      );
    }
    this.logger.info({ timeZone: tz, schedules: FEED_SCHEDULES }, 'feed schedules in place');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
  }

  private async run(job: Job<FeedJob, FeedJobResult>): Promise<FeedJobResult> {
    const run: FeedRun = {
      scheduledAt: new Date(job.opts.prevMillis ?? job.timestamp + (job.opts.delay ?? 0)),
      timeZone: this.config.region.timeZone,
    };
    let result: FeedJobResult;
    if (job.data.kind === 'daily') {
      const feed = await this.commands.execute(FEED_COMMANDS.daily(run));
      result = { kind: 'daily', date: feed.date, version: feed.version, generatedAt: feed.generatedAt };
    } else {
      result = { kind: 'weekly', ...(await this.commands.execute(FEED_COMMANDS.weekly(run))) };
    }
    this.logger.info({ jobId: job.id, scheduledAt: run.scheduledAt.toISOString(), ...result }, 'feed job done');
    return result;
  }
}
