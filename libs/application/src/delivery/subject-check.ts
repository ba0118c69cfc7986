import type { NotificationRecord } from '../ports/notification-outbox';
import type { DecisionRequestReader, EscalationReader } from '../ports/readers';

/** Notices that ask someone to act: pointless, and alarming, once the escalation was acknowledged or resolved. */
const CALLS_TO_ACT = new Set(['escalation.raised', 'escalation.escalated', 'escalation.overdue']);
/** Notices that still matter once acknowledged (the holder still owes updates), but not once it is closed. */
const WHILE_OPEN = new Set(['escalation.update-overdue', 'escalation.handed-over']);

/**
 * Why a notification must no longer be sent, or undefined when it still should: "nothing after an
 * acknowledgement". Read when the send is about to happen, not when it was planned.
 */
export async function whyMoot(
  notification: NotificationRecord,
  escalations: EscalationReader,
  requests: DecisionRequestReader,
): Promise<string | undefined> {
  const { subject, eventType } = notification;
  if (subject.kind === 'escalation') {
    if (!CALLS_TO_ACT.has(eventType) && !WHILE_OPEN.has(eventType)) return undefined;
    const escalation = await escalations.byId(subject.id);
    if (escalation === undefined) return 'the escalation no longer exists';
    if (escalation.status === 'resolved') return 'the escalation was resolved before this was sent';
    if (escalation.status === 'withdrawn') return 'the escalation was withdrawn before this was sent';
    if (CALLS_TO_ACT.has(eventType) && escalation.status === 'acknowledged') {
      return 'the escalation was acknowledged before this was sent';
    }
    return undefined;
  }
  if (subject.kind === 'decision-request' && subject.cell !== undefined) {
    const request = await requests.byId(subject.cell, subject.id);
    if (request === undefined) return 'the decision request no longer exists';
    if (request.status === 'decided') return 'the decision request was decided before this was sent';
  }
  return undefined;
}
