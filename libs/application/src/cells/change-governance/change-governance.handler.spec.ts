import { ROLES } from '@muster/contracts';
import { ACTIVATION_OPTIONS, CellStatus, DecisionRequest, HandoverAssignment, Principal } from '@muster/domain';
import { ActivateCell, ReturnCellToStandby, StandDownCell } from './change-governance.command';
import { ActivateCellHandler, ReturnCellToStandbyHandler, StandDownCellHandler } from './change-governance.handler';
import { decisionRequest, escalation, outcomeOf, person, ppeCell, regional, SANDWELL } from '@muster/builders';
import {
  fakeCells,
  FakeCellOpenItems,
  FakeClock,
  fakeDecisionLog,
  fakeDecisionRequests,
  FakeDecisionRequestReader,
  FakeReference,
  FakeStore,
} from '@muster/doubles';

const NOW = '2026-11-20T11:00:00.000Z';
const nonRegional = ROLES.filter((r) => r !== 'regional-coordinator');
const anyone = (role: (typeof ROLES)[number]): Principal =>
  person(role, { cells: ['ppe'], authority: SANDWELL, clearance: 'OFFICIAL-SENSITIVE' });

/** The question Muster opens when the cell's criteria are met. */
const activationQuestion = (overrides: Partial<DecisionRequest> = {}): DecisionRequest =>
  decisionRequest({
    id: 'dr-activate',
    cell: 'ppe',
    question: 'Stand up PPE crisis governance? Criteria met: FFP3 under 3 days (Sandwell)',
    options: [...ACTIVATION_OPTIONS],
    requestedBy: { sub: 'system', name: 'Muster' },
    dueAt: '2026-11-20T12:00:00.000Z',
    ...overrides,
  });

describe('ActivateCellHandler', () => {
  let store: FakeStore;
  let requests: FakeDecisionRequestReader;
  let handler: ActivateCellHandler;

  const setUp = (status: CellStatus, episodeOpen = false, questions: DecisionRequest[] = []) => {
    store = new FakeStore();
    store.tables(fakeCells).hold(ppeCell({ status }), episodeOpen);
    store.tables(fakeDecisionRequests).hold(...questions);
    requests = new FakeDecisionRequestReader(questions);
    handler = new ActivateCellHandler(new FakeReference(), requests, store, new FakeClock(new Date(NOW)));
  };

  beforeEach(() => setUp('standby'));

  it('stands a standby cell up, keeps its episode open and records cell.activated', async () => {
    const { cell, handover, answered } = await handler.execute(
      new ActivateCell(regional(), 'ppe', 'FFP3 under 3 days in Sandwell and Walsall'),
    );
    expect(cell).toEqual(ppeCell({ status: 'active' }));
    expect(handover).toBeUndefined();
    expect(answered).toBeUndefined();
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

  it('closes the activation question that proposed it with the decision to stand up, logged and linked both ways', async () => {
    const other = decisionRequest({ id: 'dr-other', cell: 'ppe', options: ['Yes', 'No'] });
    setUp('standby', true, [activationQuestion(), activationQuestion({ id: 'dr-late', status: 'overdue' }), other]);
    const { answered } = await handler.execute(new ActivateCell(regional(), 'ppe', 'Criteria met in Sandwell'));
    expect(answered?.map((a) => a.requestId)).toEqual(['dr-activate', 'dr-late']);
    const rows = store.tables(fakeDecisionRequests).rows;
    for (const { requestId, decisionId } of answered ?? []) {
      expect(rows.get(requestId)).toMatchObject({ status: 'decided', decisionId, decidedAt: NOW });
    }
    expect(rows.get('dr-other')).toMatchObject({ status: 'open' });
    const entries = store.tables(fakeDecisionLog).entries.filter((e) => e.cell === 'ppe');
    expect(entries.map((e) => e.body.kind === 'decision' && e.body.record)).toEqual([
      expect.objectContaining({
        title: 'Stand up PPE crisis governance',
        rationale: 'Criteria met in Sandwell',
        decisionRequestId: 'dr-activate',
        options: [
          { option: 'Stand up crisis governance', chosen: true },
          { option: 'Keep on standby', chosen: false },
        ],
      }),
      expect.objectContaining({ decisionRequestId: 'dr-late' }),
    ]);
    expect(store.events.map((e) => e.type)).toEqual([
      'cell.activated',
      'decision.logged',
      'decision-request.decided',
      'decision.logged',
      'decision-request.decided',
    ]);
  });

  it('leaves a question someone already answered as it is', async () => {
    setUp('standby', true, [activationQuestion({ status: 'decided', decisionId: 'd-0', decidedAt: NOW })]);
    expect((await handler.execute(new ActivateCell(regional(), 'ppe', 'Now'))).answered).toBeUndefined();
    expect(store.events.map((e) => e.type)).toEqual(['cell.activated']);
  });

  it('stands a stood-down cell up again (a second wave)', async () => {
    setUp('stood-down');
    expect((await handler.execute(new ActivateCell(regional(), 'ppe', 'Second wave'))).cell.status).toBe('active');
  });

  it.each(nonRegional)('refuses a %s with 403 and writes nothing, question or not', async (role) => {
    setUp('standby', true, [activationQuestion()]);
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
  let openItems: FakeCellOpenItems;
  let handler: StandDownCellHandler;
  const toRegional: HandoverAssignment['to'] = { role: 'regional-coordinator' };
  const complete: HandoverAssignment[] = [
    { kind: 'escalation', id: 'esc-open', to: { sub: 'asha', name: 'Asha Patel' } },
    { kind: 'escalation', id: 'esc-acknowledged', to: toRegional },
    { kind: 'decision-request', id: 'dr-open', to: toRegional },
  ];

  const setUp = (status: CellStatus, episodeOpen = true) => {
    store = new FakeStore();
    store.tables(fakeCells).hold(ppeCell({ status }), episodeOpen);
    openItems = new FakeCellOpenItems(
      [
        escalation({ id: 'esc-open', cell: 'ppe' }),
        escalation({ id: 'esc-acknowledged', cell: 'ppe', status: 'acknowledged', ackDueAt: null }),
        escalation({ id: 'esc-resolved', cell: 'ppe', status: 'resolved', ackDueAt: null }),
        escalation({ id: 'esc-sensitive', cell: 'ppe', marking: 'OFFICIAL-SENSITIVE' }),
        escalation({ id: 'esc-food', cell: 'food' }),
      ],
      [
        decisionRequest({ id: 'dr-open', cell: 'ppe' }),
        decisionRequest({ id: 'dr-decided', cell: 'ppe', status: 'decided', decisionId: 'd-1', decidedAt: NOW }),
        decisionRequest({ id: 'dr-sensitive', cell: 'ppe', marking: 'OFFICIAL-SENSITIVE' }),
      ],
    );
    handler = new StandDownCellHandler(openItems, store, new FakeClock(new Date(NOW)));
  };

  beforeEach(() => setUp('active'));

  it('stands an active cell down with a complete handover of its open OFFICIAL items, recorded on the event', async () => {
    const result = await handler.execute(
      new StandDownCell(regional(), 'ppe', 'Stock recovered for 14 days', 'Reserve handed to the SCG', complete),
    );
    const title = escalation().title;
    const handover = {
      openEscalations: ['esc-open', 'esc-acknowledged'],
      openRequests: ['dr-open'],
      items: [
        { kind: 'escalation', id: 'esc-open', title, to: { sub: 'asha', name: 'Asha Patel' } },
        { kind: 'escalation', id: 'esc-acknowledged', title, to: toRegional },
        { kind: 'decision-request', id: 'dr-open', title: decisionRequest().question, to: toRegional },
      ],
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
    expect(store.tables(fakeCells).governanceOf('ppe')).toEqual({
      cell: ppeCell({ status: 'stood-down' }),
      episodeOpen: true,
    });
  });

  it('refuses (422) a handover that leaves an open item unnamed, listing what is missing, and writes nothing', async () => {
    const before = store.snapshot();
    const refusal = handler.execute(new StandDownCell(regional(), 'ppe', 'Done', undefined, complete.slice(1)));
    await expect(refusal).rejects.toMatchObject({
      code: 'rule-violated',
      errors: [{ path: 'handover', message: expect.stringContaining('escalation esc-open') }],
    });
    expect(await outcomeOf(handler.execute(new StandDownCell(regional(), 'ppe', 'Done', undefined)))).toBe(
      'rule-violated',
    );
    expect(store.snapshot()).toEqual(before);
  });

  it('needs no handover when nothing is open', async () => {
    openItems.escalations = [];
    openItems.requests = [];
    const { handover } = await handler.execute(new StandDownCell(regional(), 'ppe', 'Done', undefined));
    expect(handover).toEqual({ openEscalations: [], openRequests: [], items: [] });
  });

  it.each(nonRegional)('refuses a %s with 403 before reading anything, and writes nothing', async (role) => {
    const before = store.snapshot();
    expect(await outcomeOf(handler.execute(new StandDownCell(anyone(role), 'ppe', 'Done', undefined, complete)))).toBe(
      'forbidden',
    );
    expect(openItems.asked).toEqual([]);
    expect(store.snapshot()).toEqual(before);
  });

  it.each<CellStatus>(['standby', 'stood-down'])('answers 409 for a %s cell, and writes nothing', async (status) => {
    setUp(status);
    const before = store.snapshot();
    expect(await outcomeOf(handler.execute(new StandDownCell(regional(), 'ppe', 'Done', undefined, complete)))).toBe(
      'conflict',
    );
    expect(store.snapshot()).toEqual(before);
  });

  it('answers 400 for an empty reason and 404 for an unknown cell', async () => {
    expect(await outcomeOf(handler.execute(new StandDownCell(regional(), 'ppe', '', undefined, complete)))).toBe(
      'validation-failed',
    );
    expect(await outcomeOf(handler.execute(new StandDownCell(regional(), 'vaccines', 'Done', undefined)))).toBe(
      'not-found',
    );
    expect(store.events).toEqual([]);
  });
});

describe('ReturnCellToStandbyHandler', () => {
  const setUp = (status: CellStatus) => {
    const store = new FakeStore();
    store.tables(fakeCells).hold(ppeCell({ status }), true);
    return { store, handler: new ReturnCellToStandbyHandler(store, new FakeClock(new Date(NOW))) };
  };

  it('returns a stood-down cell to standby and records cell.returned-to-standby', async () => {
    const { store, handler } = setUp('stood-down');
    const { cell } = await handler.execute(new ReturnCellToStandby(regional(), 'ppe', 'Ready for a second wave'));
    expect(cell.status).toBe('standby');
    expect(store.events.map((e) => [e.type, e.data])).toEqual([
      [
        'cell.returned-to-standby',
        { slug: 'ppe', reason: 'Ready for a second wave', by: 'A regional-coordinator', at: NOW, from: 'stood-down' },
      ],
    ]);
  });

  it.each<CellStatus>(['standby', 'active'])('answers 409 for a %s cell', async (status) => {
    const { handler } = setUp(status);
    expect(await outcomeOf(handler.execute(new ReturnCellToStandby(regional(), 'ppe', 'x')))).toBe('conflict');
  });

  it.each(nonRegional)('refuses a %s with 403', async (role) => {
    const { handler } = setUp('stood-down');
    expect(await outcomeOf(handler.execute(new ReturnCellToStandby(anyone(role), 'ppe', 'x')))).toBe('forbidden');
  });
});
