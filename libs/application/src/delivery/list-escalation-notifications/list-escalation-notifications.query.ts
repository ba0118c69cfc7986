import { Query } from '@nestjs/cqrs';
import type { Principal } from '@muster/domain';
import type { Channel } from '../../ports/recipients';
import type { NotificationStatus } from '../../ports/notification-outbox';

/** One notification about an escalation as the API shows it: who and how, never an address or the message. */
export interface NotificationView {
  id: string;
  event: { seq: number; type: string };
  recipient: { key: string; name: string };
  channel: Channel;
  status: NotificationStatus;
  attempts: number;
  createdAt: string;
  sentAt: string | null;
  deliveredAt: string | null;
  /** The provider's word on it (Notify's status, SMTP's reply line). */
  providerStatus: string | null;
  /** Why the last attempt failed or the notification was cancelled. */
  lastError: string | null;
  /** When a pending notification is next tried. */
  nextAttemptAt: string | null;
}

export interface EscalationNotifications {
  items: NotificationView[];
}

/** What was sent about an escalation, to whom, and how it went; for whoever may see the escalation. */
export class ListEscalationNotifications extends Query<EscalationNotifications> {
  constructor(
    readonly principal: Principal,
    readonly id: string,
  ) {
    super();
  }
}
