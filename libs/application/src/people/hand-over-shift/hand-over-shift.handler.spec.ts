import { atLevel, CELL_HOLDER, lead, raised, regional } from '@muster/builders';
import {
  FakeClock,
  fakeEscalations,
  fakePeople,
  FakeRecipients,
  FakeReference,
  fakeRotas,
  FakeStore,
} from '@muster/doubles';
import type { Person } from '@muster/domain';
import { HandOverShift } from './hand-over-shift.command';
import { HandOverShiftHandler } from './hand-over-shift.handler';

const NOW = new Date('2026-11-22T12:00:00.000Z');
const hours = (n: number) => new Date(NOW.getTime() + n * 3_600_000);
const person = (sub: string, name: string): Person => ({
  sub,
  name,
  roles: ['cell-lead'],
  cells: ['ppe'],
  clearance: 'OFFICIAL',
  claimsAt: NOW,
  updatedAt: NOW,
});

describe('HandOverShiftHandler', () => {
  let store: FakeStore;
  let handler: HandOverShiftHandler;

  beforeEach(() => {
    store = new FakeStore();
    const people = store.tables(fakePeople);
    people.rotas = store.tables(fakeRotas);
    for (const p of [person(CELL_HOLDER.key, CELL_HOLDER.name), person('tom', 'Tom Evans')])
      people.people.set(p.sub, p);
    store.tables(fakeRotas).rotas.set('ppe', [{ sub: CELL_HOLDER.key, from: hours(-2), to: hours(6) }]);
    handler = new HandOverShiftHandler(new FakeClock(NOW), store, new FakeReference(), people, new FakeRecipients());
  });

  it('passes the outgoing holder’s unresolved escalations in the scope to the new holder, in the rota’s transaction', async () => {
    const mine = raised({}, NOW, 'e-mine');
    const regionalOne = atLevel('regional', { id: 'e-regional', heldBy: CELL_HOLDER });
    const someoneElses = { ...raised({}, NOW, 'e-other'), heldBy: { key: 'sam', name: 'Sam' } };
    store.tables(fakeEscalations).hold(mine, regionalOne, someoneElses);

    await handler.execute(new HandOverShift(lead({ sub: CELL_HOLDER.key }), 'ppe', 'tom'));

    const rows = store.tables(fakeEscalations).rows;
    expect(rows.get('e-mine')?.heldBy).toEqual({ key: 'tom', name: 'Tom Evans' });
    // Held by Priya, but at regional level: not the PPE cell's scope.
    expect(rows.get('e-regional')?.heldBy).toEqual(CELL_HOLDER);
    expect(rows.get('e-other')?.heldBy).toEqual({ key: 'sam', name: 'Sam' });
    expect(store.events.map((e) => [e.type, (e.data as { id?: string }).id, e.actor])).toEqual([
      ['escalation.handed-over', 'e-mine', CELL_HOLDER.key],
    ]);
    expect(
      store
        .tables(fakeRotas)
        .rotas.get('ppe')
        ?.map((s) => s.sub),
    ).toEqual([CELL_HOLDER.key, 'tom']);
  });

  it('changes nothing, rota or escalations, when the handover is refused', async () => {
    store.tables(fakeEscalations).hold(raised({}, NOW, 'e-mine'));
    const before = [store.tables(fakeRotas).snapshot(), store.tables(fakeEscalations).snapshot()];
    await expect(handler.execute(new HandOverShift(lead({ sub: 'tom' }), 'ppe', 'tom'))).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(handler.execute(new HandOverShift(regional(), 'ppe', 'nobody'))).rejects.toMatchObject({
      code: 'rule-violated',
    });
    await expect(handler.execute(new HandOverShift(regional(), 'no-such-cell', 'tom'))).rejects.toMatchObject({
      code: 'not-found',
    });
    expect([store.tables(fakeRotas).snapshot(), store.tables(fakeEscalations).snapshot()]).toEqual(before);
    expect(store.events).toEqual([]);
  });
});
