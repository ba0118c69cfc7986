import { TimerSpec } from './timer-scheduler';

interface EventLike {
  type: string;
  data: Record<string, unknown>;
}

const LEVELS = new Set(['cell', 'regional', 'national']);

/**
 * The timers journal events ask for: a raised or escalated escalation needs its acknowledgement timer
 * at its new level; an update promising the next one needs its re-alert timer; an opened decision
 * request needs its deadline timer; an open action with a due time (created, or given a new due time by
 * an amendment) needs its overdue timer.
 */
export function timersFromEvents(events: readonly EventLike[]): TimerSpec[] {
  return events.flatMap((event): TimerSpec[] => {
    const { id, level, ackDueAt, dueAt, status, nextUpdateDue, actionId, due } = event.data;
    if (
      (event.type === 'action.created' || event.type === 'action.updated') &&
      typeof actionId === 'string' &&
      typeof due === 'string' &&
      status === 'open'
    ) {
      return [{ kind: 'action-due', actionId, dueAt: due }];
    }
    if (typeof id !== 'string') return [];
    if (
      (event.type === 'escalation.raised' || event.type === 'escalation.escalated') &&
      typeof level === 'string' &&
      LEVELS.has(level) &&
      typeof ackDueAt === 'string'
    ) {
      return [
        { kind: 'escalation', escalationId: id, level: level as 'cell' | 'regional' | 'national', dueAt: ackDueAt },
      ];
    }
    if (
      event.type === 'escalation.updated' &&
      typeof nextUpdateDue === 'string' &&
      (status === 'open' || status === 'acknowledged')
    ) {
      return [{ kind: 'escalation-update', escalationId: id, nextUpdateDue }];
    }
    if (event.type === 'decision-request.opened' && typeof dueAt === 'string' && status === 'open') {
      return [{ kind: 'decision-deadline', requestId: id, dueAt }];
    }
    return [];
  });
}
