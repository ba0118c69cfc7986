import { Queue } from 'bullmq';
import { jobIds, type JobPayloads, NOTIFICATION_JOB_OPTIONS, QUEUES } from './queues';

/** A notification owed a send, and from when. */
export interface OwedSend {
  id: string;
  dueAt: string;
}

/**
 * Puts outbox rows on the `notifications` queue, one job per row (job id = the row's id), delayed until the
 * row is due. Queueing a row that is already queued does nothing, so the relay and reconciliation may overlap.
 */
export class NotificationScheduler {
  constructor(
    private readonly queue: Queue<JobPayloads['notifications']>,
    private readonly now: () => number = Date.now,
  ) {}

  async enqueue(owed: readonly OwedSend[]): Promise<void> {
    if (owed.length === 0) return;
    const now = this.now();
    await this.queue.addBulk(
      owed.map((n) => ({
        name: QUEUES.notifications,
        data: { notificationId: n.id },
        opts: {
          ...NOTIFICATION_JOB_OPTIONS,
          jobId: jobIds.notification(n.id),
          delay: Math.max(0, Date.parse(n.dueAt) - now),
        },
      })),
    );
  }
}
