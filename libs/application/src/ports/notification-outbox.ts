import type { JournalRecord } from '@muster/contracts';
import type { NotificationReason } from '@muster/domain';
import type { NotifiableEvent, PlannedNotification, SubjectKind, SubjectRef } from '../delivery/notification-plan';
import type { Channel } from './recipients';
import type { SendReceipt } from './channels';

export const NOTIFICATION_STATUSES = ['pending', 'sending', 'sent', 'failed', 'cancelled'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/** One row of the outbox: who is told of which event on which channel, and how far the send got. */
export interface NotificationRecord {
  id: string;
  eventSeq: number;
  eventType: string;
  subject: SubjectRef;
  recipientKey: string;
  recipientName: string;
  channel: Channel;
  /** Why the recipient is told: the message says so. */
  reason: NotificationReason;
  status: NotificationStatus;
  attempts: number;
  /** When a pending row is next due, or when a `sending` row's lease runs out (a crashed send is retried then). */
  nextAttemptAt: string;
  lastError: string | null;
  providerReference: string | null;
  providerStatus: string | null;
  createdAt: string;
  sentAt: string | null;
  deliveredAt: string | null;
}

/** A row still owed a send, and when. */
export interface OwedNotification {
  id: string;
  dueAt: string;
}

/** What trying to take a row for sending found. */
export type SendClaim =
  | { claimed: true; notification: NotificationRecord }
  | { claimed: false; reason: 'settled' }
  | { claimed: false; reason: 'early'; dueAt: string };

/**
 * The notification outbox in PostgreSQL. Planning is idempotent (unique per event, recipient and
 * channel); every change of a row is conditional on its status, so two runs of one job cannot both send.
 */
export abstract class NotificationOutbox {
  /** The batch's events with their actor and (for escalations) raiser; events already planned are left out. */
  abstract notifiable(events: readonly JournalRecord[]): Promise<NotifiableEvent[]>;
  /**
   * Stores the planned rows in one transaction, skipping any that exist, and returns every row of these
   * events still owed a send (a repeated batch queues them again; job ids keep that single).
   */
  abstract record(seqs: readonly number[], rows: readonly PlannedNotification[]): Promise<OwedNotification[]>;
  abstract byId(id: string): Promise<NotificationRecord | undefined>;
  /** The journal event a notification tells of, for building its message. */
  abstract event(seq: number): Promise<JournalRecord | undefined>;
  /**
   * Takes a due pending row (or a `sending` row whose lease ran out) for sending: `sending`, one more
   * attempt, leased until `leaseUntil`. Only one caller can take a row at a time.
   */
  abstract claim(id: string, now: Date, leaseUntil: Date): Promise<SendClaim>;
  abstract markSent(id: string, receipt: SendReceipt, at: Date): Promise<void>;
  /** Back to pending, due again at `at`, with the reason (never message content). */
  abstract markRetry(id: string, at: Date, error: string): Promise<void>;
  abstract markFailed(id: string, error: string): Promise<void>;
  /** Settles a row that must not be sent any more (the world moved on); a row already sent stays sent. */
  abstract markCancelled(id: string, reason: string): Promise<boolean>;
  /** Rows pending, or sending with their lease run out: what reconciliation puts back on the queue. */
  abstract owed(now: Date, limit: number): Promise<OwedNotification[]>;
  /** Every notification about one subject, oldest first. */
  abstract about(kind: SubjectKind, id: string): Promise<NotificationRecord[]>;
}
