import { Injectable } from '@nestjs/common';
import { NotificationOutbox, NotificationPlanner } from '@muster/application';
import type { JournalRecord } from '@muster/contracts';
import { NOTIFIED_EVENT_TYPES } from '@muster/domain';
import { TimerQueues } from '../timers/timer-queues';

const NOTIFIED: ReadonlySet<string> = new Set(NOTIFIED_EVENT_TYPES);

/**
 * The relay's notification step: plans a batch's notifications into the outbox (one transaction; a batch
 * planned before plans nothing again) and queues every row of the batch still owed a send.
 */
@Injectable()
export class NotificationPlanning {
  constructor(
    private readonly outbox: NotificationOutbox,
    private readonly planner: NotificationPlanner,
    private readonly queues: TimerQueues,
  ) {}

  async plan(events: readonly JournalRecord[]): Promise<void> {
    // No channel configured: the relay pays nothing (rows owed from before are reconciliation's).
    if (!this.planner.active) return;
    const told = events.filter((event) => NOTIFIED.has(event.type));
    if (told.length === 0) return;
    const rows = await this.planner.plan(await this.outbox.notifiable(told));
    const owed = await this.outbox.record(
      told.map((event) => event.seq),
      rows,
    );
    await this.queues.notificationScheduler.enqueue(owed);
  }
}
