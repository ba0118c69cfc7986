import type { JobsOptions } from 'bullmq';
import type { Level } from '@muster/domain';

/** Every queue, by name. Names are stored in Redis keys: never rename one casually. */
export const QUEUES = {
  escalationTimers: 'escalation-timers',
  decisionDeadlines: 'decision-deadlines',
  actionDue: 'action-due',
  feeds: 'feeds',
  retention: 'retention',
  notifications: 'notifications',
  escalationUpdates: 'escalation-updates',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** The queues whose jobs are deadlines set from journal events (run by the timer processors). */
export type TimerQueueName =
  | typeof QUEUES.escalationTimers
  | typeof QUEUES.decisionDeadlines
  | typeof QUEUES.actionDue
  | typeof QUEUES.escalationUpdates;

/** A scheduled feed run: which product; the run's own time says which day or week. */
export type FeedJob = { kind: 'daily' } | { kind: 'weekly' };

/** The daily purge of records past their retention; the run's time is the purge's "now". */
export type RetentionJob = { kind: 'purge' };

/** Each queue's job payload: ids only; the database holds the truth and the job re-reads it. */
export interface JobPayloads {
  'escalation-timers': { escalationId: string; level: Level };
  'decision-deadlines': { requestId: string };
  'action-due': { actionId: string };
  feeds: FeedJob;
  retention: RetentionJob;
  notifications: { notificationId: string };
  /** The promised update time travels with the job: each promise is its own timer, re-alerting at most once. */
  'escalation-updates': { escalationId: string; nextUpdateDue: string };
}

/** Job ids derived from the domain: one timer per escalation and level, one per decision request. */
export const jobIds = {
  escalationTimer: (escalationId: string, level: Level) => `escalation-${escalationId}-${level}`,
  decisionDeadline: (requestId: string) => `decision-due-${requestId}`,
  /** The outbox row's own id: one job per (event, recipient, channel), however often it is queued. */
  notification: (notificationId: string) => notificationId,
  /** One per action and due time: an amendment that moves the due time sets a timer of its own. */
  actionDue: (actionId: string, dueAt: string) => `action-due-${actionId}-${String(Date.parse(dueAt))}`,
  /** One per escalation and promised time (in epoch milliseconds: an ISO time's colons may not be in a job id). */
  escalationUpdate: (escalationId: string, nextUpdateDue: string) =>
    `escalation-update-${escalationId}-${String(Date.parse(nextUpdateDue))}`,
};

/**
 * Timers retry for a long time (a database outage must delay a step, never drop it) and leave
 * nothing behind when done, so a re-scheduled id after a Redis wipe is accepted again.
 */
export const TIMER_JOB_OPTIONS: JobsOptions = {
  attempts: 25,
  backoff: { type: 'exponential', delay: 250 },
  removeOnComplete: true,
  removeOnFail: { age: 7 * 24 * 3600 },
};

/**
 * BullMQ key prefix. The braces are a Redis Cluster hash tag: all of a deployment's queue keys land in
 * one slot, which BullMQ's multi-key scripts need.
 */
export function queuePrefix(redisPrefix: string): string {
  return `{${redisPrefix}:jobs}`;
}

/**
 * The feed schedules (BullMQ job schedulers, in the region's time zone): the daily feed at 07:00 for the
 * day before, the weekly briefing on Monday at 07:30 for the week before. Ids are the schedulers' keys:
 * upserting them is idempotent across workers and restarts.
 */
export const FEED_SCHEDULES = {
  daily: { id: 'daily-feed', pattern: '0 7 * * *' },
  weekly: { id: 'weekly-briefing', pattern: '30 7 * * 1' },
} as const satisfies Record<FeedJob['kind'], { id: string; pattern: string }>;

/** A missed morning is worth retrying for hours (a database outage), and one run is kept for inspection. */
export const FEED_JOB_OPTIONS: JobsOptions = {
  attempts: 12,
  backoff: { type: 'exponential', delay: 5_000 },
  removeOnComplete: { count: 50 },
  removeOnFail: { age: 30 * 24 * 3600 },
};

/**
 * The daily purge of expired records (retention settings and legal holds are read when it runs): 03:00 in
 * the region's time zone, away from the morning feeds and the working day.
 */
export const RETENTION_SCHEDULE = { id: 'retention-purge', pattern: '0 3 * * *' } as const;

/** A missed purge is simply done the next night; a few retries cover a short outage. */
export const RETENTION_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 30_000 },
  removeOnComplete: { count: 30 },
  removeOnFail: { age: 30 * 24 * 3600 },
};

/**
 * A notification job only carries its row's id; the row holds attempts and backoff, so BullMQ's own retries
 * are for the store being away. Finished or failed jobs leave nothing behind: the id must be free for
 * reconciliation to queue a row again, and PostgreSQL keeps the outcome.
 */
export const NOTIFICATION_JOB_OPTIONS: JobsOptions = {
  attempts: 25,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: true,
  removeOnFail: true,
};
