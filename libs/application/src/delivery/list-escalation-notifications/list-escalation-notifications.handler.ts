import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { canViewEscalation, notFound } from '@muster/domain';
import { auditReads } from '../../data-protection/audit-reads';
import { AccessAudit } from '../../ports/data-protection';
import { NotificationOutbox, type NotificationRecord } from '../../ports/notification-outbox';
import { EscalationReader } from '../../ports/readers';
import {
  type EscalationNotifications,
  ListEscalationNotifications,
  type NotificationView,
} from './list-escalation-notifications.query';

export function toNotificationView(n: NotificationRecord): NotificationView {
  return {
    id: n.id,
    event: { seq: n.eventSeq, type: n.eventType },
    recipient: { key: n.recipientKey, name: n.recipientName },
    channel: n.channel,
    status: n.status,
    attempts: n.attempts,
    createdAt: n.createdAt,
    sentAt: n.sentAt,
    deliveredAt: n.deliveredAt,
    providerStatus: n.providerStatus,
    lastError: n.lastError,
    nextAttemptAt: n.status === 'pending' ? n.nextAttemptAt : null,
  };
}

/** The same policy as reading the escalation, and the same access audit (it tells of a sensitive escalation). */
@QueryHandler(ListEscalationNotifications)
export class ListEscalationNotificationsHandler implements IQueryHandler<ListEscalationNotifications> {
  constructor(
    private readonly escalations: EscalationReader,
    private readonly outbox: NotificationOutbox,
    private readonly audit: AccessAudit,
  ) {}

  async execute({ principal, id }: ListEscalationNotifications): Promise<EscalationNotifications> {
    const escalation = await this.escalations.byId(id);
    if (escalation === undefined || !canViewEscalation(principal, escalation)) throw notFound(`escalation ${id}`);
    const notifications = await this.outbox.about('escalation', id);
    await auditReads(this.audit, principal, 'escalation.read', 'escalation', [escalation]);
    return { items: notifications.map(toNotificationView) };
  }
}
