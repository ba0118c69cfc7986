import { AlertMissedUpdate, ClimbEscalation, MarkActionOverdue, MarkDecisionRequestOverdue } from '@muster/application';
import type { JobPayloads, QUEUES, QueueName, TimerQueueName } from '@muster/messaging';

/** Which command each timer queue's jobs run; typed over every timer queue, so one without a command does not compile. */
export const TIMER_COMMANDS: {
  [Q in TimerQueueName]: (
    payload: JobPayloads[Q],
  ) => ClimbEscalation | MarkDecisionRequestOverdue | AlertMissedUpdate | MarkActionOverdue;
} = {
  'escalation-timers': (payload) => new ClimbEscalation(payload.escalationId, payload.level),
  'decision-deadlines': (payload) => new MarkDecisionRequestOverdue(payload.requestId),
  'action-due': (payload) => new MarkActionOverdue(payload.actionId),
  'escalation-updates': (payload) => new AlertMissedUpdate(payload.escalationId, payload.nextUpdateDue),
};

/**
 * Which processor runs each queue. Typed over every queue name, so a new queue without a processor does
 * not compile; `assertEveryQueueHandled` also refuses to start a worker if one is missing at run time.
 */
export const QUEUE_PROCESSORS: {
  readonly [Q in QueueName]: Q extends TimerQueueName
    ? 'timers'
    : Q extends typeof QUEUES.retention
      ? 'retention'
      : Q extends typeof QUEUES.notifications
        ? 'notifications'
        : 'feeds';
} = {
  'escalation-timers': 'timers',
  'decision-deadlines': 'timers',
  'action-due': 'timers',
  'escalation-updates': 'timers',
  feeds: 'feeds',
  retention: 'retention',
  notifications: 'notifications',
};

export function isTimerQueue(name: QueueName): name is TimerQueueName {
  return QUEUE_PROCESSORS[name] === 'timers';
}

export function assertEveryQueueHandled(queues: readonly string[]): void {
  const handled = (name: string) =>
    name in QUEUE_PROCESSORS && (QUEUE_PROCESSORS[name as QueueName] !== 'timers' || name in TIMER_COMMANDS);
  const missing = queues.filter((name) => !handled(name));
  if (missing.length > 0) throw new Error(`no job handler for queue(s): ${missing.join(', ')}`);
}
