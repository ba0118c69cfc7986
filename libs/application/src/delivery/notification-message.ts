import type { JournalRecord } from '@muster/contracts';
import { notificationMessage } from '@muster/domain';
import type { OutgoingMessage } from '../ports/channels';
import type { NotificationRecord } from '../ports/notification-outbox';

/**
 * The message for one outbox row, by the domain's content rules (an OFFICIAL-SENSITIVE item's free text
 * never in it), with the link made absolute from PUBLIC_URL; undefined when the rules say nothing.
 */
export function outgoingMessage(
  notification: NotificationRecord,
  event: JournalRecord,
  settings: { publicUrl: string; timeZone: string },
): OutgoingMessage | undefined {
  const content = notificationMessage(
    { type: event.type, cell: event.cell, marking: event.marking, data: event.data },
    notification.reason,
    { timeZone: settings.timeZone },
  );
  if (content === undefined) return undefined;
  return {
    id: notification.id,
    subject: content.subject,
    body: content.body,
    link: `${settings.publicUrl}${content.linkPath}`,
    event: { type: event.type, seq: event.seq, at: event.at },
  };
}
