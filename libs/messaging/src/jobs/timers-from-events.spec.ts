import { jobIds } from './queues';
import { timersFromEvents } from './timers-from-events';

describe('timersFromEvents', () => {
  it('asks for the acknowledgement timer of the level an escalation is raised or escalated to', () => {
    expect(
      timersFromEvents([
        { type: 'escalation.raised', data: { id: 'e1', level: 'cell', ackDueAt: '2026-11-22T10:15:00.000Z' } },
        { type: 'escalation.escalated', data: { id: 'e1', level: 'regional', ackDueAt: '2026-11-22T10:30:00.000Z' } },
      ]),
    ).toEqual([
      { kind: 'escalation', escalationId: 'e1', level: 'cell', dueAt: '2026-11-22T10:15:00.000Z' },
      { kind: 'escalation', escalationId: 'e1', level: 'regional', dueAt: '2026-11-22T10:30:00.000Z' },
    ]);
  });

  it('asks for a deadline timer when a decision request opens', () => {
    expect(
      timersFromEvents([
        { type: 'decision-request.opened', data: { id: 'r1', status: 'open', dueAt: '2026-11-22T16:00:00.000Z' } },
      ]),
    ).toEqual([{ kind: 'decision-deadline', requestId: 'r1', dueAt: '2026-11-22T16:00:00.000Z' }]);
  });

  it('asks for an overdue timer for an open action with a due time, created or given a new due time', () => {
    const due = '2026-11-22T16:00:00.000Z';
    expect(
      timersFromEvents([
        { type: 'action.created', data: { actionId: 'a1', status: 'open', due } },
        { type: 'action.updated', data: { actionId: 'a2', status: 'open', due } },
        { type: 'action.created', data: { actionId: 'a3', status: 'open', due: null } },
        { type: 'action.updated', data: { actionId: 'a4', status: 'done', due } },
        { type: 'action.overdue', data: { actionId: 'a5', status: 'overdue', due } },
      ]),
    ).toEqual([
      { kind: 'action-due', actionId: 'a1', dueAt: due },
      { kind: 'action-due', actionId: 'a2', dueAt: due },
    ]);
  });

  it('asks for the re-alert timer of the update an escalation promises, one per promised time', () => {
    const due = '2026-11-22T12:00:00.000Z';
    expect(
      timersFromEvents([
        { type: 'escalation.updated', data: { id: 'e1', status: 'acknowledged', nextUpdateDue: due } },
        { type: 'escalation.updated', data: { id: 'e1', status: 'acknowledged' } },
        { type: 'escalation.update-overdue', data: { id: 'e1', status: 'acknowledged', nextUpdateDue: due } },
      ]),
    ).toEqual([{ kind: 'escalation-update', escalationId: 'e1', nextUpdateDue: due }]);
    expect(jobIds.escalationUpdate('e1', due)).toBe(`escalation-update-e1-${String(Date.parse(due))}`);
    expect(jobIds.escalationUpdate('e1', due)).not.toContain(':');
  });

  it('asks for nothing when no timer is pending or the event is not about one', () => {
    expect(
      timersFromEvents([
        { type: 'escalation.acknowledged', data: { id: 'e1', level: 'cell', ackDueAt: null } },
        { type: 'escalation.escalated', data: { id: 'e1', level: 'national', ackDueAt: null } },
        { type: 'escalation.raised', data: { id: 'e2', level: 'planetary', ackDueAt: '2026-11-22T10:15:00.000Z' } },
        { type: 'decision.logged', data: { id: 'd1' } },
        { type: 'decision-request.decided', data: { id: 'r1', status: 'decided', dueAt: '2026-11-22T16:00:00.000Z' } },
      ]),
    ).toEqual([]);
  });

  it('derives job ids from the domain, never containing a colon', () => {
    expect(jobIds.escalationTimer('e1', 'regional')).toBe('escalation-e1-regional');
    expect(jobIds.decisionDeadline('r1')).toBe('decision-due-r1');
    expect(jobIds.escalationTimer('0b7a', 'cell')).not.toContain(':');
    // One timer per action and due time: a moved due time is a new timer, a repeated one the same.
    expect(jobIds.actionDue('a1', '2026-11-22T16:00:00.000Z')).toBe('action-due-a1-1795363200000');
    expect(jobIds.actionDue('a1', '2026-11-22T16:00:00.000Z')).not.toContain(':');
  });
});
