import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DelayedError, Job, Worker } from 'bullmq';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { TimerOutcome } from '@muster/application';
import { JobPayloads, QUEUES, TimerQueueName } from '@muster/messaging';
import { WorkerMetrics } from '../ops/worker-metrics';
import { TimerQueues } from '../timers/timer-queues';
import { assertEveryQueueHandled, isTimerQueue, TIMER_COMMANDS } from './timer-commands';

/** A crashed worker's job is taken over within this bound (BullMQ's lock and stall check). */
const LOCK_MS = 10_000;
const STALLED_CHECK_MS = 5_000;

/** Runs the timer queues: each job runs its command, which re-reads the state and acts at most once. */
@Injectable()
export class TimerProcessors implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly workers: Worker[] = [];

  constructor(
    private readonly queues: TimerQueues,
    private readonly commands: CommandBus,
    private readonly metrics: WorkerMetrics,
    @InjectPinoLogger(TimerProcessors.name) private readonly logger: PinoLogger,
  ) {}

  onApplicationBootstrap(): void {
    const names = Object.values(QUEUES);
    assertEveryQueueHandled(names);
    for (const name of names.filter(isTimerQueue)) this.workers.push(this.start(name));
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled(this.workers.map((worker) => worker.close()));
  }

  private start<Q extends TimerQueueName>(name: Q): Worker<JobPayloads[Q]> {
    const worker = new Worker<JobPayloads[Q]>(name, (job, token) => this.run(name, job, token), {
      connection: this.queues.workerConnection(`muster-worker-${name}`),
      prefix: this.queues.prefix,
      concurrency: 16,
      lockDuration: LOCK_MS,
      stalledInterval: STALLED_CHECK_MS,
    });
    worker.on('failed', (job, error) =>
      this.logger.warn(
        { err: error, queue: name, jobId: job?.id, attempt: job?.attemptsMade },
        'timer job failed; it will retry',
      ),
    );
    worker.on('error', (error) => this.logger.warn({ err: error, queue: name }, 'timer worker error'));
    return worker;
  }

  private async run<Q extends TimerQueueName>(
    name: Q,
    job: Job<JobPayloads[Q]>,
    token: string | undefined,
  ): Promise<TimerOutcome> {
    const dueAt = job.timestamp + (job.opts.delay ?? 0);
    const outcome: TimerOutcome = await this.commands.execute(TIMER_COMMANDS[name](job.data));
    if (outcome.outcome === 'early' && token !== undefined) {
      // Fired before the deadline stored in PostgreSQL (clocks differ): wait for it, don't drop it.
      await job.moveToDelayed(Date.parse(outcome.dueAt), token);
      throw new DelayedError();
    }
    this.metrics.timerLateness.observe(
      { queue: name, outcome: outcome.outcome },
      Math.max(0, Date.now() - dueAt) / 1000,
    );
    this.logger.info({ queue: name, jobId: job.id, outcome: outcome.outcome }, 'timer fired');
    return outcome;
  }
}
