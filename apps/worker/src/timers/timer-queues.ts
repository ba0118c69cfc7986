import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { CONFIG } from '@muster/config';
import type { Config } from '@muster/config';
import {
  createRedis,
  JobPayloads,
  NotificationScheduler,
  QUEUES,
  queuePrefix,
  TimerScheduler,
} from '@muster/messaging';

/** The worker's BullMQ queues (timers, feeds, notifications) and the schedulers that put jobs on them. */
@Injectable()
export class TimerQueues implements OnApplicationShutdown {
  readonly connection: Redis;
  readonly escalationTimers: Queue<JobPayloads['escalation-timers']>;
  readonly decisionDeadlines: Queue<JobPayloads['decision-deadlines']>;
  readonly actionDue: Queue<JobPayloads['action-due']>;
  readonly escalationUpdates: Queue<JobPayloads['escalation-updates']>;
  readonly feeds: Queue<JobPayloads['feeds']>;
  readonly retention: Queue<JobPayloads['retention']>;
  readonly notifications: Queue<JobPayloads['notifications']>;
  readonly scheduler: TimerScheduler;
  readonly notificationScheduler: NotificationScheduler;
  readonly prefix: string;

  constructor(@Inject(CONFIG) private readonly config: Config) {
    this.prefix = queuePrefix(config.redis.prefix);
    // BullMQ needs commands to wait out a Redis restart rather than fail: no retry limit here.
    this.connection = createRedis(config.redis.url, 'muster-queues', {
      maxRetriesPerRequest: null,
      enableOfflineQueue: true,
    });
    this.connection.on('error', () => undefined);
    this.escalationTimers = new Queue(QUEUES.escalationTimers, { connection: this.connection, prefix: this.prefix });
    this.decisionDeadlines = new Queue(QUEUES.decisionDeadlines, { connection: this.connection, prefix: this.prefix });
    this.actionDue = new Queue(QUEUES.actionDue, { connection: this.connection, prefix: this.prefix });
    this.escalationUpdates = new Queue(QUEUES.escalationUpdates, { connection: this.connection, prefix: this.prefix });
    this.feeds = new Queue(QUEUES.feeds, { connection: this.connection, prefix: this.prefix });
    this.retention = new Queue(QUEUES.retention, { connection: this.connection, prefix: this.prefix });
    this.notifications = new Queue(QUEUES.notifications, { connection: this.connection, prefix: this.prefix });
    this.scheduler = new TimerScheduler(
      this.escalationTimers,
      this.decisionDeadlines,
      this.escalationUpdates,
      this.actionDue,
    );
    this.notificationScheduler = new NotificationScheduler(this.notifications);
  }

  /** A fresh connection for a BullMQ Worker (workers block on Redis and need their own). */
  workerConnection(name: string): Redis {
    const redis = createRedis(this.config.redis.url, name, { maxRetriesPerRequest: null, enableOfflineQueue: true });
    redis.on('error', () => undefined);
    return redis;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([
      this.escalationTimers.close(),
      this.decisionDeadlines.close(),
      this.actionDue.close(),
      this.escalationUpdates.close(),
      this.feeds.close(),
      this.retention.close(),
      this.notifications.close(),
    ]);
    this.connection.disconnect();
  }
}
