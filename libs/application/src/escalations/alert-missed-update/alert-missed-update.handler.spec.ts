import { updateEscalation } from '@muster/domain';
import { FakeClock, fakeEscalations, FakeStore } from '@muster/doubles';
import { HOUR, MINUTE, officer, plus, raised, RAISED_AT } from '@muster/builders';
import { AlertMissedUpdate } from './alert-missed-update.command';
import { AlertMissedUpdateHandler } from './alert-missed-update.handler';

const promisedAt = plus(RAISED_AT, 10 * MINUTE);
const due = plus(promisedAt, HOUR).toISOString();

describe('AlertMissedUpdateHandler', () => {
  let store: FakeStore;
  let clock: FakeClock;
  let handler: AlertMissedUpdateHandler;

  beforeEach(() => {
    store = new FakeStore();
    clock = new FakeClock(promisedAt);
    handler = new AlertMissedUpdateHandler(store, clock);
    // The raiser promised the next update an hour after their first one.
    const promised = updateEscalation(
      { by: officer(), at: promisedAt, note: 'Checking stock', nextUpdateDue: new Date(due) },
      raised({}, RAISED_AT, 'e1'),
    ).state;
    store.tables(fakeEscalations).hold(promised);
  });

  it('re-alerts once when the promised time has passed, as the system; later firings are moot', async () => {
    clock.current = new Date(Date.parse(due) + 5 * MINUTE);
    await expect(handler.execute(new AlertMissedUpdate('e1', due))).resolves.toEqual({ outcome: 'applied' });
    await expect(handler.execute(new AlertMissedUpdate('e1', due))).resolves.toEqual({ outcome: 'moot' });
    clock.current = new Date(Date.parse(due) + 5 * HOUR);
    await expect(handler.execute(new AlertMissedUpdate('e1', due))).resolves.toEqual({ outcome: 'moot' });
    expect(store.events.map((e) => [e.type, e.actor])).toEqual([['escalation.update-overdue', 'system']]);
    expect(store.tables(fakeEscalations).rows.get('e1')).toMatchObject({ updateOverdueFor: due, version: 3 });
  });

  it('asks to wait when fired before the promised time', async () => {
    clock.current = new Date(Date.parse(due) - 20);
    await expect(handler.execute(new AlertMissedUpdate('e1', due))).resolves.toEqual({ outcome: 'early', dueAt: due });
    expect(store.events).toHaveLength(0);
  });

  it('does nothing for a missing escalation or a promise it no longer holds', async () => {
    clock.current = new Date(Date.parse(due) + HOUR);
    await expect(handler.execute(new AlertMissedUpdate('missing', due))).resolves.toEqual({ outcome: 'moot' });
    const other = plus(RAISED_AT, 3 * HOUR).toISOString();
    await expect(handler.execute(new AlertMissedUpdate('e1', other))).resolves.toEqual({ outcome: 'moot' });
    expect(store.events).toHaveLength(0);
  });
});
