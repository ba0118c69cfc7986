export { createRedis } from './redis/redis-connection';
export { entryId, liveStreamKey, liveStreamKeyStem, seqOfEntryId } from './live/live-stream';
export type { LiveStreamPosition } from './live/live-stream';
export { LivePublisher } from './live/live-publisher';
export type { LiveEpochStore, LivePublisherLog } from './live/live-publisher';
export { LiveSubscriber } from './live/live-subscriber';
export type { StreamEntry } from './live/live-subscriber';
export { JournalRelay } from './relay/journal-relay';
export type { PublishableEvent } from './live/live-publisher';
export type { RelayLogger, RelayOptions, RelaySink, RelaySource } from './relay/journal-relay';
export {
  FEED_JOB_OPTIONS,
  FEED_SCHEDULES,
  jobIds,
  NOTIFICATION_JOB_OPTIONS,
  QUEUES,
  queuePrefix,
  RETENTION_JOB_OPTIONS,
  RETENTION_SCHEDULE,
  TIMER_JOB_OPTIONS,
} from './jobs/queues';
export type { FeedJob, JobPayloads, QueueName, RetentionJob, TimerQueueName } from './jobs/queues';
export { TimerScheduler } from './jobs/timer-scheduler';
export type { TimerSpec } from './jobs/timer-scheduler';
export { timersFromEvents } from './jobs/timers-from-events';
export { NotificationScheduler } from './jobs/notification-scheduler';
export type { OwedSend } from './jobs/notification-scheduler';
export { closeSenders, configuredSenders } from './channels/configured-senders';
export type { ChannelStatus } from './channels/configured-senders';
export { SmtpSender, messageIdFor } from './channels/smtp-sender';
export { NotifyEmailSender } from './channels/notify-email-sender';
export { NotifySmsSender } from './channels/notify-sms-sender';
export { TeamsSender, adaptiveCard } from './channels/teams-sender';
export { WebhookSender, subscriberKey, subscriberRecipients, webhookBody } from './channels/webhook-sender';
export {
  SIGNATURE_HEADER,
  SIGNATURE_TOLERANCE_SECONDS,
  signWebhook,
  verifyWebhook,
} from './channels/webhook-signature';
