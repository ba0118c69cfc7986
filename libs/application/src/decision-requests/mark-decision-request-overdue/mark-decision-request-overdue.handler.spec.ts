import { openDecisionRequest } from '@muster/domain';
import { EscalationSettings } from '../../ports/escalation-settings';
import { MarkDecisionRequestOverdue } from './mark-decision-request-overdue.command';
import { MarkDecisionRequestOverdueHandler } from './mark-decision-request-overdue.handler';
import { FakeClock, fakeDecisionRequests, fakeEscalations, FakeStore } from '@muster/doubles';
import { MINUTE, person } from '@muster/builders';

const settings: EscalationSettings = { ackSla: { critical: 15 * MINUTE, high: 60 * MINUTE, medium: 240 * MINUTE, low: 1440 * MINUTE } };
const member = person('cell-member', { sub: 'm', cells: ['homelessness'] });
const T0 = new Date('2026-11-22T12:00:00.000Z');

describe('MarkDecisionRequestOverdueHandler', () => {
  let store: FakeStore;
  let clock: FakeClock;
  let handler: MarkDecisionRequestOverdueHandler;

  beforeEach(() => {
    store = new FakeStore();
    clock = new FakeClock(T0);
    handler = new MarkDecisionRequestOverdueHandler(settings, store, clock);
    const { request } = openDecisionRequest(
      { cell: 'homelessness', question: 'Block-book the hotel?', dueInMinutes: 240, marking: 'OFFICIAL' },
      { principal: member, now: T0, id: 'r1', knownAuthorities: new Set() },
    );
    store.tables(fakeDecisionRequests).rows.set('r1', request);
  });

  it('marks the request overdue and raises one regional escalation pointing at it, once', async () => {
    clock.current = new Date(T0.getTime() + 240 * MINUTE);
    await expect(handler.execute(new MarkDecisionRequestOverdue('r1'))).resolves.toEqual({ outcome: 'applied' });
    await expect(handler.execute(new MarkDecisionRequestOverdue('r1'))).resolves.toEqual({ outcome: 'moot' });

    const request = store.tables(fakeDecisionRequests).rows.get('r1');
    expect(request?.status).toBe('overdue');
    const escalations = [...store.tables(fakeEscalations).rows.values()];
    expect(escalations).toHaveLength(1);
    expect(escalations[0]).toMatchObject({ id: request?.escalationId, level: 'regional', decisionRequestId: 'r1', raisedBy: 'system' });
    expect(store.events.map((e) => e.type)).toEqual(['decision-request.overdue', 'escalation.raised']);
  });

  it('waits when fired early and does nothing once the request is decided', async () => {
    clock.current = new Date(T0.getTime() + 239 * MINUTE);
    await expect(handler.execute(new MarkDecisionRequestOverdue('r1'))).resolves.toMatchObject({ outcome: 'early' });
    const open = store.tables(fakeDecisionRequests).rows.get('r1');
    if (open === undefined) throw new Error('fixture');
    store.tables(fakeDecisionRequests).rows.set('r1', { ...open, status: 'decided', decisionId: 'd1', version: open.version + 1 });
    clock.current = new Date(T0.getTime() + 300 * MINUTE);
    await expect(handler.execute(new MarkDecisionRequestOverdue('r1'))).resolves.toEqual({ outcome: 'moot' });
    expect(store.tables(fakeEscalations).rows.size).toBe(0);
  });
});
