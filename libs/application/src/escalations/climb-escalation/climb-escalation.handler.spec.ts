import { EscalationSettings } from '../../ports/escalation-settings';
import { ClimbEscalation } from './climb-escalation.command';
import { ClimbEscalationHandler } from './climb-escalation.handler';
import { FakeClock, FakeEscalationReader, FakeRecipients, fakeEscalations, FakeStore } from '@muster/doubles';
import { MINUTE, raised, RAISED_AT, SLA } from '@muster/builders';

const settings: EscalationSettings = { ackSla: SLA };
const T0 = RAISED_AT;

describe('ClimbEscalationHandler', () => {
  let store: FakeStore;
  let clock: FakeClock;
  let recipients: FakeRecipients;
  let handler: ClimbEscalationHandler;

  beforeEach(() => {
    store = new FakeStore();
    recipients = new FakeRecipients();
    clock = new FakeClock(T0);
    // Reads what the store holds now, as the real reader reads what PostgreSQL holds.
    const reader = new (class extends FakeEscalationReader {
      override async byId(id: string) {
        return store.tables(fakeEscalations).rows.get(id);
      }
    })();
    handler = new ClimbEscalationHandler(settings, store, clock, recipients, reader);
    // A critical escalation raised at T0: its cell deadline is 15 minutes later.
    store.tables(fakeEscalations).hold(raised({ severity: 'critical' }, T0, 'e1'));
  });

  it('climbs once when the deadline has passed, journaling the step as the system', async () => {
    clock.current = new Date(T0.getTime() + 15 * MINUTE);
    await expect(handler.execute(new ClimbEscalation('e1', 'cell'))).resolves.toEqual({ outcome: 'applied' });
    await expect(handler.execute(new ClimbEscalation('e1', 'cell'))).resolves.toEqual({ outcome: 'moot' });
    expect(store.tables(fakeEscalations).rows.get('e1')).toMatchObject({ level: 'regional', version: 2 });
    expect(store.events.map((e) => [e.type, e.actor])).toEqual([['escalation.escalated', 'system']]);
  });

  it('records who holds the level it climbs to, as the rota says at the climb', async () => {
    recipients.holds('regional', { key: 'sam', name: 'Sam Hughes' });
    clock.current = new Date(T0.getTime() + 15 * MINUTE);
    await handler.execute(new ClimbEscalation('e1', 'cell'));
    const climbed = store.tables(fakeEscalations).rows.get('e1');
    expect(climbed?.heldBy).toEqual({ key: 'sam', name: 'Sam Hughes' });
    expect(climbed?.history.at(-1)).toMatchObject({ step: 'escalated', level: 'regional', heldBy: { key: 'sam' } });
    expect(recipients.asked).toEqual([{ scope: 'regional', at: clock.current }]);
    expect(store.events[0]?.data).toMatchObject({ heldBy: { key: 'sam', name: 'Sam Hughes' } });
  });

  it('at the top of the ladder asks nobody: overdue has no level above', async () => {
    clock.current = new Date(T0.getTime() + 15 * MINUTE);
    await handler.execute(new ClimbEscalation('e1', 'cell'));
    clock.current = new Date(clock.current.getTime() + 15 * MINUTE);
    await handler.execute(new ClimbEscalation('e1', 'regional'));
    clock.current = new Date(clock.current.getTime() + 15 * MINUTE);
    await handler.execute(new ClimbEscalation('e1', 'national'));
    expect(recipients.asked.map((q) => q.scope)).toEqual(['regional', 'national']);
    expect(store.tables(fakeEscalations).rows.get('e1')).toMatchObject({
      overdue: true,
      heldBy: { key: 'contact:national', name: 'The national duty contact' },
    });
  });

  it('asks to wait when the timer fires before the stored deadline', async () => {
    clock.current = new Date(T0.getTime() + 15 * MINUTE - 20);
    await expect(handler.execute(new ClimbEscalation('e1', 'cell'))).resolves.toEqual({
      outcome: 'early',
      dueAt: '2026-11-22T09:15:00.000Z',
    });
    expect(store.events).toHaveLength(0);
  });

  it('does nothing for an escalation that no longer exists or a level it has left', async () => {
    clock.current = new Date(T0.getTime() + 60 * MINUTE);
    await expect(handler.execute(new ClimbEscalation('missing', 'cell'))).resolves.toEqual({ outcome: 'moot' });
    await expect(handler.execute(new ClimbEscalation('e1', 'regional'))).resolves.toEqual({ outcome: 'moot' });
    expect(store.events).toHaveLength(0);
  });
});
