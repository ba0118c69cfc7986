import { Queue } from 'bullmq';
import { jobIds, JobPayloads, QUEUES, TIMER_JOB_OPTIONS } from './queues';
import type { Level } from '@muster/domain';

export type TimerSpec =
  | { kind: 'escalation'; escalationId: string; level: Level; dueAt: string }
  | { kind: 'decision-deadline'; requestId: string; dueAt: string }
  | { kind: 'action-due'; actionId: string; dueAt: string }
  | { kind: 'escalation-update'; escalationId: string; nextUpdateDue: string };

/**
 * Puts timers on BullMQ as delayed jobs. Adding a timer that already exists is a no-op (the job id is
 * the dedupe key), so scheduling from the relay and from reconciliation may overlap freely.
 */
export class TimerScheduler {
  constructor(
    private readonly escalationTimers: Queue<JobPayloads['escalation-timers']>,
    private readonly decisionDeadlines: Queue<JobPayloads['decision-deadlines']>,
    private readonly escalationUpdates: Queue<JobPayloads['escalation-updates']>,
    private readonly actionDue: Queue<JobPayloads['action-due']>,
    private readonly now: () => number = Date.now,
  ) {}

  async schedule(timers: readonly TimerSpec[]): Promise<void> {
    const escalations = timers.flatMap((t) => (t.kind === 'escalation' ? [t] : []));
    const deadlines = timers.flatMap((t) => (t.kind === 'decision-deadline' ? [t] : []));
    await this.scheduleActions(timers);
    const updates = timers.flatMap((t) => (t.kind === 'escalation-update' ? [t] : []));
    if (updates.length > 0) {
      await this.escalationUpdates.addBulk(
        updates.map((t) => ({
          name: QUEUES.escalationUpdates,
          data: { escalationId: t.escalationId, nextUpdateDue: t.nextUpdateDue },
          opts: {
            ...TIMER_JOB_OPTIONS,
            jobId: jobIds.escalationUpdate(t.escalationId, t.nextUpdateDue),
            delay: this.delayUntil(t.nextUpdateDue),
          },
        })),
      );
    }
    if (escalations.length > 0) {
      await this.escalationTimers.addBulk(
        escalations.map((t) => ({
          name: QUEUES.escalationTimers,
          data: { escalationId: t.escalationId, level: t.level },
          opts: {
            ...TIMER_JOB_OPTIONS,
            jobId: jobIds.escalationTimer(t.escalationId, t.level),
            delay: this.delayUntil(t.dueAt),
          },
        })),
      );
    }
    if (deadlines.length > 0) {
      await this.decisionDeadlines.addBulk(
        deadlines.map((t) => ({
          name: QUEUES.decisionDeadlines,
          data: { requestId: t.requestId },
          opts: { ...TIMER_JOB_OPTIONS, jobId: jobIds.decisionDeadline(t.requestId), delay: this.delayUntil(t.dueAt) },
        })),
      );
    }
  }

  private async scheduleActions(timers: readonly TimerSpec[]): Promise<void> {
    const due = timers.flatMap((t) => (t.kind === 'action-due' ? [t] : []));
    if (due.length === 0) return;
    await this.actionDue.addBulk(
      due.map((t) => ({
        name: QUEUES.actionDue,
        data: { actionId: t.actionId },
        opts: { ...TIMER_JOB_OPTIONS, jobId: jobIds.actionDue(t.actionId, t.dueAt), delay: this.delayUntil(t.dueAt) },
      })),
    );
  }

  private delayUntil(dueAt: string): number {
    return Math.max(0, Date.parse(dueAt) - this.now());
  }
}
