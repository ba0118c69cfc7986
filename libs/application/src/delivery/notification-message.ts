import type { JournalRecord } from '@muster/contracts';
import type { OutgoingMessage } from '../ports/channels';
import type { NotificationRecord } from '../ports/notification-outbox';
import type { SubjectRef } from './notification-plan';

/** The console page where the reader acts on the subject. */
export function subjectLink(subject: SubjectRef, publicUrl: string): string {
  const id = encodeURIComponent(subject.id);
  const cell = encodeURIComponent(subject.cell ?? '');
  switch (subject.kind) {
    case 'escalation':
      return `${publicUrl}/escalations/${id}`;
    case 'decision-request':
      return `${publicUrl}/cells/${cell}/decision-requests#${id}`;
    case 'feed':
      return `${publicUrl}/feeds/daily/${id}`;
    case 'action':
      return `${publicUrl}/cells/${cell}`;
  }
}

const HEADLINES: Record<string, string> = {
  'escalation.raised': 'An escalation needs acknowledging',
  'escalation.escalated': 'An escalation has climbed to you',
  'escalation.acknowledged': 'An escalation was acknowledged',
  'escalation.resolved': 'An escalation was resolved',
  'escalation.overdue': 'An escalation is overdue at the top of the ladder',
  'escalation.update-overdue': 'A promised update on an escalation is late',
  'decision-request.opened': 'A decision is requested',
  'decision-request.overdue': 'A decision request is overdue',
  'feed.published': 'The daily report is ready',
  'action.overdue': 'An action is overdue',
};

/**
 * A short, plain message linking to the console. An OFFICIAL-SENSITIVE item's title never leaves
 * Muster: the message says a sensitive item needs the reader, and the link is where they read it.
 */
export function notificationMessage(
  notification: NotificationRecord,
  event: JournalRecord,
  publicUrl: string,
): OutgoingMessage {
  const headline = HEADLINES[event.type] ?? 'Something in Muster needs you';
  const title = typeof event.data.title === 'string' ? event.data.title : undefined;
  const question = typeof event.data.question === 'string' ? event.data.question : undefined;
  const named = event.marking === 'OFFICIAL-SENSITIVE' ? undefined : (title ?? question);
  const link = subjectLink(notification.subject, publicUrl);
  const what =
    event.marking === 'OFFICIAL-SENSITIVE'
      ? 'It is marked OFFICIAL-SENSITIVE: sign in to read it.'
      : named === undefined
        ? ''
        : `"${named}"`;
  return {
    id: notification.id,
    subject: named === undefined ? `Muster: ${headline}` : `Muster: ${headline}: ${named}`.slice(0, 200),
    body: [`${headline}.`, what, `Open it in Muster: ${link}`].filter((line) => line !== '').join('\n\n'),
    link,
    event: { type: event.type, seq: event.seq, at: event.at },
  };
}
