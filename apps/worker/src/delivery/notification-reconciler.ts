import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { Clock, NotificationOutbox } from '@muster/application';
import { CONFIG } from '@muster/config';
import type { Config } from '@muster/config';
import { TimerQueues } from '../timers/timer-queues';
import { PeriodicPass } from './periodic-pass';

/** Rows put back on the queue per pass; a larger backlog is taken over the next passes. */
const PASS_LIMIT = 5_000;

/**
 * PostgreSQL is the truth: at start and at intervals (ESCALATION_RECONCILE_INTERVAL), every notification
 * still pending, or sending past its lease (its worker died), is queued again if Redis lost it (restart
 * without persistence, FLUSHALL). The job id is the row's id, so a row still queued is not queued twice.
 */
@Injectable()
export class NotificationReconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly passes: PeriodicPass;

  constructor(
    @Inject(CONFIG) config: Config,
    private readonly outbox: NotificationOutbox,
    private readonly queues: TimerQueues,
    private readonly clock: Clock,
    @InjectPinoLogger(NotificationReconciler.name) private readonly logger: PinoLogger,
  ) {
    this.passes = new PeriodicPass(
      () => this.reconcile(),
      config.escalation.reconcileIntervalMs,
      (error: unknown) => {
        this.logger.warn({ err: error }, 'notification reconciliation failed; will retry');
      },
    );
  }

  onApplicationBootstrap(): void {
    this.passes.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.passes.stop();
  }

  async reconcile(): Promise<number> {
    const owed = await this.outbox.owed(this.clock.now(), PASS_LIMIT);
    await this.queues.notificationScheduler.enqueue(owed);
    this.logger.debug({ notifications: owed.length }, 'notifications reconciled');
    return owed.length;
  }
}
