import type { NotificationView } from '@muster/application';
import { type Tag, tag, timeText } from '../../view/format';

/** One row of "Who was told": worded for people; never an address. */
export interface ToldRow {
  who: string;
  about: string;
  how: string;
  status: Tag;
  when: string;
}

const ABOUT: Record<string, string> = {
  'escalation.raised': 'Raised',
  'escalation.escalated': 'Climbed',
  'escalation.acknowledged': 'Acknowledged',
  'escalation.resolved': 'Resolved',
  'escalation.overdue': 'Overdue',
  'escalation.update-overdue': 'Update late',
};

const HOW: Record<string, string> = { email: 'Email', sms: 'Text message', teams: 'Teams', webhook: 'Webhook' };

const STATUS: Record<NotificationView['status'], Tag> = {
  pending: tag('Waiting', 'govuk-tag--yellow'),
  sending: tag('Sending', 'govuk-tag--yellow'),
  sent: tag('Sent', 'govuk-tag--green'),
  failed: tag('Failed', 'govuk-tag--red'),
  cancelled: tag('Not sent', 'govuk-tag--grey'),
};

/** The notifications about an escalation as the table on its page shows them, oldest first. */
export function whoWasTold(items: readonly NotificationView[], timeZone: string): ToldRow[] {
  return items.map((n) => {
    const at = n.sentAt ?? n.createdAt;
    const attempts = n.attempts > 1 ? ` after ${String(n.attempts)} attempts` : '';
    const why = n.status === 'failed' || n.status === 'cancelled' ? (n.lastError ?? '') : '';
    return {
      who: n.recipient.name,
      about: ABOUT[n.event.type] ?? n.event.type,
      how: HOW[n.channel] ?? n.channel,
      status: STATUS[n.status],
      when: [`${timeText(at, timeZone)}${n.status === 'sent' ? attempts : ''}`, why].filter(Boolean).join('. '),
    };
  });
}
