import type { Channel, NotificationRecord, NotificationStatus, SubjectKind } from '@muster/application';
import type { NotificationReason } from '@muster/domain';

/** A `notification` row as the driver returns it. */
export interface NotificationRow {
  id: string;
  event_seq: string;
  event_type: string;
  subject_kind: SubjectKind;
  subject_id: string;
  subject_cell: string | null;
  recipient_key: string;
  recipient_name: string;
  channel: Channel;
  reason: NotificationReason;
  status: NotificationStatus;
  attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  provider_reference: string | null;
  provider_status: string | null;
  created_at: Date;
  sent_at: Date | null;
  delivered_at: Date | null;
}

const iso = (at: Date | null) => (at === null ? null : at.toISOString());

export function toNotificationRecord(row: NotificationRow): NotificationRecord {
  return {
    id: row.id,
    eventSeq: Number(row.event_seq),
    eventType: row.event_type,
    subject:
      row.subject_cell === null
        ? { kind: row.subject_kind, id: row.subject_id }
        : { kind: row.subject_kind, id: row.subject_id, cell: row.subject_cell },
    recipientKey: row.recipient_key,
    recipientName: row.recipient_name,
    channel: row.channel,
    reason: row.reason,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at.toISOString(),
    lastError: row.last_error,
    providerReference: row.provider_reference,
    providerStatus: row.provider_status,
    createdAt: row.created_at.toISOString(),
    sentAt: iso(row.sent_at),
    deliveredAt: iso(row.delivered_at),
  };
}
