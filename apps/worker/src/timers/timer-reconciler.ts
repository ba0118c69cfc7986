import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { ActionReader, DecisionRequestReader, EscalationReader } from '@muster/application';
import { CONFIG } from '@muster/config';
import type { Config } from '@muster/config';
import { pendingActionDue, pendingDeadline, pendingTimer, pendingUpdateTimer } from '@muster/domain';
import type { TimerSpec } from '@muster/messaging';
import { TimerQueues } from './timer-queues';

/**
 * PostgreSQL is the truth: at start and at intervals, every open escalation, decision request and action
 * gets its timer back (and every promised escalation update its re-alert timer) if Redis lost it (restart
 * without persistence, FLUSHALL). A deadline that
 * passed while no worker ran is scheduled with no delay and fires at once.
 */
@Injectable()
export class TimerReconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    @Inject(CONFIG) private readonly config: Config,
    private readonly escalations: EscalationReader,
    private readonly requests: DecisionRequestReader,
    private readonly actions: ActionReader,
    private readonly queues: TimerQueues,
    @InjectPinoLogger(TimerReconciler.name) private readonly logger: PinoLogger,
  ) {}

  onApplicationBootstrap(): void {
    this.trigger();
    this.timer = setInterval(() => this.trigger(), this.config.escalation.reconcileIntervalMs);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Runs one pass unless one is already running. */
  trigger(): void {
    this.running ??= this.reconcile()
      .then(() => undefined)
      .catch((error: unknown) => this.logger.warn({ err: error }, 'timer reconciliation failed; will retry'))
      .finally(() => {
        this.running = undefined;
      });
  }

  async reconcile(): Promise<number> {
    const timers: TimerSpec[] = [];
    for (const e of await this.escalations.awaitingAcknowledgement()) {
      const pending = pendingTimer(e);
      if (pending) timers.push({ kind: 'escalation', escalationId: e.id, level: pending.level, dueAt: pending.dueAt });
    }
    for (const e of await this.escalations.awaitingUpdate()) {
      const owed = pendingUpdateTimer(e);
      if (owed) timers.push({ kind: 'escalation-update', escalationId: e.id, nextUpdateDue: owed.nextUpdateDue });
    }
    for (const r of await this.requests.open()) {
      const due = pendingDeadline(r);
      if (due) timers.push({ kind: 'decision-deadline', requestId: r.id, dueAt: due });
    }
    for (const a of await this.actions.pending()) {
      const due = pendingActionDue(a);
      if (due) timers.push({ kind: 'action-due', actionId: a.id, dueAt: due });
    }
    await this.queues.scheduler.schedule(timers);
    this.logger.debug({ timers: timers.length }, 'timers reconciled');
    return timers.length;
  }
}
