import { EscalationSettings } from '../../ports/escalation-settings';
import { MarkDecisionRequestOverdue } from './mark-decision-request-overdue.command';
import { MarkDecisionRequestOverdueHandler } from './mark-decision-request-overdue.handler';
import { FakeClock, FakeRecipients, fakeDecisionRequests, fakeEscalations, FakeStore } from '@muster/doubles';
import { ASKED_AT, decisionRequest, MINUTE, SLA } from '@muster/builders';

const settings: EscalationSettings = { ackSla: SLA };
const T0 = ASKED_AT;

describe('MarkDecisionRequestOverdueHandler', () => {
  let store: FakeStore;
  let clock: FakeClock;
  let recipients: FakeRecipients;
  let handler: MarkDecisionRequestOverdueHandler;

  beforeEach(() => {
    store = new FakeStore();
    recipients = new FakeRecipients();
    clock = new FakeClock(T0);
    handler = new MarkDecisionRequestOverdueHandler(settings, store, clock, recipients);
    // Asked at T0, due four hours later.
    store.tables(fakeDecisionRequests).hold(decisionRequest({ id: 'r1' }));
  });

  it('marks the request overdue and raises one regional escalation pointing at it, once', async () => {
    clock.current = new Date(T0.getTime() + 240 * MINUTE);
    await expect(handler.execute(new MarkDecisionRequestOverdue('r1'))).resolves.toEqual({ outcome: 'applied' });
    await expect(handler.execute(new MarkDecisionRequestOverdue('r1'))).resolves.toEqual({ outcome: 'moot' });

    const request = store.tables(fakeDecisionRequests).rows.get('r1');
    expect(request?.status).toBe('overdue');
    const escalations = [...store.tables(fakeEscalations).rows.values()];
    expect(escalations).toHaveLength(1);
    expect(escalations[0]).toMatchObject({
      id: request?.escalationId,
      level: 'regional',
      decisionRequestId: 'r1',
      raisedBy: 'system',
    });
    expect(store.events.map((e) => e.type)).toEqual(['decision-request.overdue', 'escalation.raised']);
  });

  it('records the regional holder on the rota as holding the escalation it raises', async () => {
    recipients.holds('regional', { key: 'sam', name: 'Sam Hughes' });
    clock.current = new Date(T0.getTime() + 240 * MINUTE);
    await handler.execute(new MarkDecisionRequestOverdue('r1'));
    const [raised] = [...store.tables(fakeEscalations).rows.values()];
    expect(raised?.heldBy).toEqual({ key: 'sam', name: 'Sam Hughes' });
    expect(raised?.history[0]).toMatchObject({ step: 'raised', level: 'regional', heldBy: { key: 'sam' } });
  });

  it('waits when fired early and does nothing once the request is decided', async () => {
    clock.current = new Date(T0.getTime() + 239 * MINUTE);
    await expect(handler.execute(new MarkDecisionRequestOverdue('r1'))).resolves.toMatchObject({ outcome: 'early' });
    const open = store.tables(fakeDecisionRequests).rows.get('r1');
    if (open === undefined) throw new Error('fixture');
    store
      .tables(fakeDecisionRequests)
      .rows.set('r1', { ...open, status: 'decided', decisionId: 'd1', version: open.version + 1 });
    clock.current = new Date(T0.getTime() + 300 * MINUTE);
    await expect(handler.execute(new MarkDecisionRequestOverdue('r1'))).resolves.toEqual({ outcome: 'moot' });
    expect(store.tables(fakeEscalations).rows.size).toBe(0);
  });
});
