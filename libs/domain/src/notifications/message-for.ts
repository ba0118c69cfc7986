import {
  escalationStepMessage,
  handedOverMessage,
  isEscalationStep,
  updateOverdueMessage,
} from './escalation-messages';
import type { MessageOptions, NotifiableEvent, NotificationMessage, NotificationReason } from './notification-message';
import { actionOverdueMessage, decisionRequestMessage, feedPublishedMessage } from './other-messages';

/** The event types Muster sends messages about (beyond the live stream's: actions and promised updates). */
export const NOTIFIED_EVENT_TYPES = [
  'escalation.raised',
  'escalation.escalated',
  'escalation.acknowledged',
  'escalation.resolved',
  'escalation.overdue',
  'escalation.update-overdue',
  'escalation.handed-over',
  'decision-request.opened',
  'decision-request.overdue',
  'feed.published',
  'action.overdue',
] as const;

/**
 * The message one reader gets about one journal event, or undefined when Muster says nothing about it (another
 * event type, the weekly briefing, a payload without the id to link to). An OFFICIAL-SENSITIVE item's free
 * text (title, question, action, reasons) never appears: the message says a sensitive item needs the reader.
 */
export function notificationMessage(
  event: NotifiableEvent,
  reason: NotificationReason,
  options: MessageOptions,
): NotificationMessage | undefined {
  if (isEscalationStep(event.type)) return escalationStepMessage(event, reason, options);
  switch (event.type) {
    case 'escalation.update-overdue':
      return updateOverdueMessage(event, reason, options);
    case 'escalation.handed-over':
      return handedOverMessage(event, reason);
    case 'decision-request.opened':
    case 'decision-request.overdue':
      return decisionRequestMessage(event, reason, options);
    case 'feed.published':
      return feedPublishedMessage(event, reason);
    case 'action.overdue':
      return actionOverdueMessage(event, reason, options);
    default:
      return undefined;
  }
}
