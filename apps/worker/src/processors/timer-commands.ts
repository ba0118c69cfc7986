import { ClimbEscalation, MarkDecisionRequestOverdue } from '@muster/application';
import type { JobPayloads, QueueName } from '@muster/messaging';

/**
 * Which command each queue's jobs run. Typed over every queue name, so a queue without a handler does
 * not compile; `assertEveryQueueHandled` also refuses to start a worker if one is missing at run time.
 */
export const TIMER_COMMANDS: { [Q in QueueName]: (payload: JobPayloads[Q]) => ClimbEscalation | MarkDecisionRequestOverdue } = {
  'escalation-timers': (payload) => new ClimbEscalation(payload.escalationId, payload.level),
  'decision-deadlines': (payload) => new MarkDecisionRequestOverdue(payload.requestId),
};

export function assertEveryQueueHandled(queues: readonly string[]): void {
  const missing = queues.filter((name) => !(name in TIMER_COMMANDS));
  if (missing.length > 0) throw new Error(`no job handler for queue(s): ${missing.join(', ')}`);
}
