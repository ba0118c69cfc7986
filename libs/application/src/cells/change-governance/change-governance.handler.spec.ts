import { ROLES } from '@muster/contracts';
import { CellStatus, Principal } from '@muster/domain';
import { ActivateCell, StandDownCell } from './change-governance.command';
import { ActivateCellHandler, StandDownCellHandler } from './change-governance.handler';
import { decisionRequest, escalation, outcomeOf, person, ppeCell, regional, SANDWELL } from '@muster/builders';
import { fakeCells, FakeClock, FakeDecisionRequestReader, FakeEscalationReader, FakeStore } from '@muster/doubles';

const NOW = '2026-11-20T11:00:00.000Z';
const nonRegional = ROLES.filter((r) => r !== 'regional-coordinator');
const anyone = (role: (typeof ROLES)[number]): Principal =>
  person(role, { cells: ['ppe'], authority: SANDWELL, clearance: 'OFFICIAL-SENSITIVE' });

describe('ActivateCellHandler', () => {
  let store: FakeStore;
  let handler: ActivateCellHandler;

  const setUp = (status: CellStatus, episodeOpen = false) => {
    store = new FakeStore();
    store.tables(fakeCells).hold(ppeCell({ status }), episodeOpen);
    handler = new ActivateCellHandler(store, new FakeClock(new Date(NOW)));
  };

  beforeEach(() => setUp('standby'));

  it('stands a standby cell up, keeps its episode open and records cell.activated', async () => {
    const { cell, handover } = await handler.execute(
      new ActivateCell(regional(), 'ppe', 'FFP3 under 3 days in Sandwell and Walsall'),
    );

    expect(cell).toEqual(ppeCell({ status: 'active' }));
    expect(handover).toBeUndefined();
    expect(store.tables(fakeCells).governanceOf('ppe')).toEqual({
      cell: ppeCell({ status: 'active' }),
      episodeOpen: true,
    });
    expect(store.events).toEqual([
      {
        type: 'cell.activated',
        cell: 'ppe',
        authorities: [],
        marking: 'OFFICIAL',
        data: {
          slug: 'ppe',
          reason: 'FFP3 under 3 days in Sandwell and Walsall',
          by: 'A regional-coordinator',
          at: NOW,
        },
        actor: 'regional-coordinator-1',
      },
    ]);
  });

  it('stands a stood-down cell up again (a second wave)', async () => {
    setUp('stood-down');
    expect((await handler.execute(new ActivateCell(regional(), 'ppe', 'Second wave'))).cell.status).toBe('active');
  });

  it.each(nonRegional)('refuses a %s with 403 and writes nothing', async (role) => {
    const before = store.snapshot();
    expect(await outcomeOf(handler.execute(new ActivateCell(anyone(role), 'ppe', 'because')))).toBe('forbidden');
    expect(store.snapshot()).toEqual(before);
  });

  it('answers 409 for a cell that is already active, and writes nothing', async () => {
    setUp('active', true);
    const before = store.snapshot();
    expect(await outcomeOf(handler.execute(new ActivateCell(regional(), 'ppe', 'again')))).toBe('conflict');
    expect(store.snapshot()).toEqual(before);
  });

  it('answers 400 for an empty reason and 404 for an unknown cell', async () => {
    expect(await outcomeOf(handler.execute(new ActivateCell(regional(), 'ppe', ' ')))).toBe('validation-failed');
    expect(await outcomeOf(handler.execute(new ActivateCell(regional(), 'vaccines', 'because')))).toBe('not-found');
    expect(store.events).toEqual([]);
  });
});

describe('StandDownCellHandler', () => {
  let store: FakeStore;
  let escalations: FakeEscalationReader;
  let requests: FakeDecisionRequestReader;
  let handler: StandDownCellHandler;

  const setUp = (status: CellStatus, episodeOpen = true) => {
    store = new FakeStore();
    store.tables(fakeCells).hold(ppeCell({ status }), episodeOpen);
    escalations = new FakeEscalationReader([
      escalation({ id: 'esc-open' }),
      escalation({ id: 'esc-acknowledged', status: 'acknowledged', ackDueAt: null }),
      escalation({ id: 'esc-resolved', status: 'resolved', ackDueAt: null }),
      escalation({ id: 'esc-sensitive', marking: 'OFFICIAL-SENSITIVE' }),
      escalation({ id: 'esc-food', cell: 'food' }),
    ]);
    requests = new FakeDecisionRequestReader([
      decisionRequest({ id: 'dr-open', cell: 'ppe' }),
      decisionRequest({ id: 'dr-decided', cell: 'ppe', status: 'decided', decisionId: 'd-1', decidedAt: NOW }),
      decisionRequest({ id: 'dr-sensitive', cell: 'ppe', marking: 'OFFICIAL-SENSITIVE' }),
      decisionRequest({ id: 'dr-food', cell: 'food' }),
    ]);
    handler = new StandDownCellHandler(escalations, requests, store, new FakeClock(new Date(NOW)));
  };

  beforeEach(() => setUp('active'));

  it('stands an active cell down with a handover of its open OFFICIAL escalations and requests only', async () => {
    const result = await handler.execute(
      new StandDownCell(
        regional({ clearance: 'OFFICIAL-SENSITIVE' }),
        'ppe',
        'Stock recovered for 14 days',
        'Reserve handed to the SCG',
      ),
    );

    const handover = {
      openEscalations: ['esc-open', 'esc-acknowledged'],
      openRequests: ['dr-open'],
      note: 'Reserve handed to the SCG',
    };
    expect(result).toEqual({ cell: ppeCell({ status: 'stood-down' }), handover });
    expect(store.events).toEqual([
      {
        type: 'cell.stood-down',
        cell: 'ppe',
        authorities: [],
        marking: 'OFFICIAL',
        data: { slug: 'ppe', reason: 'Stock recovered for 14 days', by: 'A regional-coordinator', at: NOW, handover },
        actor: 'regional-coordinator-1',
      },
    ]);
    // The episode is left as it was: standing down while the criteria still hold does not ask straight back.
    expect(store.tables(fakeCells).governanceOf('ppe')).toEqual({
      cell: ppeCell({ status: 'stood-down' }),
      episodeOpen: true,
    });
  });

  it('leaves the note out when there is none, and lists nothing when nothing is open', async () => {
    escalations.escalations = [];
    requests.requests = [];
    const { handover } = await handler.execute(new StandDownCell(regional(), 'ppe', 'Done', undefined));
    expect(handover).toEqual({ openEscalations: [], openRequests: [] });
    expect(store.events[0]?.data).toEqual(
      expect.objectContaining({ handover: { openEscalations: [], openRequests: [] } }),
    );
  });

  it.each(nonRegional)('refuses a %s with 403 before reading anything, and writes nothing', async (role) => {
    const before = store.snapshot();
    expect(await outcomeOf(handler.execute(new StandDownCell(anyone(role), 'ppe', 'Done', undefined)))).toBe(
      'forbidden',
    );
    expect(escalations.filters).toEqual([]);
    expect(store.snapshot()).toEqual(before);
  });

  it.each<CellStatus>(['standby', 'stood-down'])('answers 409 for a %s cell, and writes nothing', async (status) => {
    setUp(status);
    const before = store.snapshot();
    expect(await outcomeOf(handler.execute(new StandDownCell(regional(), 'ppe', 'Done', undefined)))).toBe('conflict');
    expect(store.snapshot()).toEqual(before);
  });

  it('answers 400 for an empty reason and 404 for an unknown cell', async () => {
    expect(await outcomeOf(handler.execute(new StandDownCell(regional(), 'ppe', '', undefined)))).toBe(
      'validation-failed',
    );
    expect(await outcomeOf(handler.execute(new StandDownCell(regional(), 'vaccines', 'Done', undefined)))).toBe(
      'not-found',
    );
    expect(store.events).toEqual([]);
  });
});
