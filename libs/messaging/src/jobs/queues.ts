import type { JobsOptions } from 'bullmq';
import type { Level } from '@muster/domain';

/** Every queue, by name. Names are stored in Redis keys: never rename one casually. */
export const QUEUES = {
  escalationTimers: 'escalation-timers',
  decisionDeadlines: 'decision-deadlines',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** Each queue's job payload: ids only; the database holds the truth and the job re-reads it. */
export interface JobPayloads {
  'escalation-timers': { escalationId: string; level: Level };
  'decision-deadlines': { requestId: string };
}

/** Job ids derived from the domain: one timer per escalation and level, one per decision request. */
export const jobIds = {
  escalationTimer: (escalationId: string, level: Level) => `escalation-${escalationId}-${level}`,
  decisionDeadline: (requestId: string) => `decision-due-${requestId}`,
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
