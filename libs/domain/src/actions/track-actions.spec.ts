import { decisionInput, lead } from '@muster/builders';
import { amendDecision } from '../decisions/amend-decision';
import { Amendment, LogEntry } from '../decisions/decision';
import { logDecision } from '../decisions/log-decision';
import { actionId } from './action';
import { diffActions } from './action-diff';
import { trackAmendedActions, trackDecisionActions } from './track-actions';

const by = lead({ name: 'Priya Shah' });
const DECISION_ID = '11111111-1111-4111-8111-111111111111';
const decidedAt = '2026-11-22T10:00:00.000Z';
const loggedAt = new Date('2026-11-22T10:01:00.000Z');
const ACTIONS = [
  { action: 'Arrange courier', owner: 'officer-sandwell', due: '2026-11-22T16:00:00.000Z' },
  { action: 'Tell the care homes', owner: 'Care Homes Forum' },
  { action: 'Count the stock', owner: 'lead-1', due: '2026-11-23T09:00:00+00:00' },
];

function logged(): LogEntry {
  return logDecision(
    { by, at: loggedAt, id: DECISION_ID, cell: 'ppe', input: decisionInput({ decidedAt, actions: ACTIONS }) },
    { head: undefined, journalPosition: 7, knownAuthorities: new Set() },
  ).state;
}

function amended(original: LogEntry, changes: Amendment['changes'], id = 'a0000000-0000-4000-8000-000000000001') {
  return amendDecision(
    { by, at: new Date('2026-11-22T11:00:00.000Z'), id, amendment: { reason: 'Courier found locally', changes } },
    { head: original, journalPosition: 8, knownAuthorities: new Set(), original, earlier: [] },
  ).state;
}

describe('a decision’s actions as tracked records', () => {
  it('gives each action of a logged decision a stable identity and an open record with action.created', () => {
    const entry = logged();
    if (entry.body.kind !== 'decision') throw new Error('fixture');
    const ids = [0, 1, 2].map((i) => actionId(DECISION_ID, i));
    expect(entry.body.record.actions.map((a) => a.id)).toEqual(ids);
    expect(entry.body.record.actions[2]?.due).toBe('2026-11-23T09:00:00.000Z');
    expect(new Set(ids).size).toBe(3);
    // Ordered as the decision gave them: lists order by creation, then id.
    expect([...ids].sort()).toEqual(ids);
    expect(actionId(DECISION_ID, 12) < actionId(DECISION_ID, 13)).toBe(true);
    expect(ids[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

    const { state, events } = trackDecisionActions(entry);
    expect(state.created.map((a) => [a.action, a.owner, a.status, a.decisionSequence])).toEqual([
      ['Arrange courier', 'officer-sandwell', 'open', 1],
      ['Tell the care homes', 'Care Homes Forum', 'open', 1],
      ['Count the stock', 'lead-1', 'open', 1],
    ]);
    expect(state.created[1]?.due).toBeUndefined();
    expect(events.map((e) => [e.type, (e.data as { actionId: string }).actionId])).toEqual(
      ids.map((id) => ['action.created', id]),
    );
    expect(events[0]).toMatchObject({
      cell: 'ppe',
      marking: 'OFFICIAL',
      data: {
        due: '2026-11-22T16:00:00.000Z',
        owner: 'officer-sandwell',
        actor: 'Priya Shah',
        decisionId: DECISION_ID,
      },
    });
  });

  it('resending the list with one more action adds it and loses nothing (the courier bug)', () => {
    const original = logged();
    const entry = amended(original, {
      actions: [
        ...ACTIONS.map(({ action, owner, due }) => ({ action, owner, ...(due && { due }) })),
        {
          action: 'Confirm receipt',
          owner: 'officer-sandwell',
        },
      ],
    });
    if (entry.body.kind !== 'amendment') throw new Error('fixture');
    const diff = entry.body.amendment.actionsDiff;
    expect(diff?.added.map((a) => a.action)).toEqual(['Confirm receipt']);
    expect(diff?.changed).toEqual([]);
    expect(diff?.dropped).toEqual([]);
    expect(entry.body.amendment.changes.actions?.map((a) => a.id)).toEqual([
      actionId(DECISION_ID, 0),
      actionId(DECISION_ID, 1),
      actionId(DECISION_ID, 2),
      actionId(entry.id, 3),
    ]);
  });

  it('names what an amendment changes and drops, by id or by text, and tracks it', () => {
    const original = logged();
    const rows = trackDecisionActions(original).state.created;
    const entry = amended(original, {
      actions: [
        { id: actionId(DECISION_ID, 2), action: 'Count the stock twice', owner: 'lead-1' },
        { action: 'Tell the care homes', owner: 'Care Homes Forum', due: '2026-11-22T18:00:00.000Z' },
      ],
    });
    if (entry.body.kind !== 'amendment') throw new Error('fixture');
    const diff = entry.body.amendment.actionsDiff;
    expect(diff?.added).toEqual([]);
    expect(diff?.changed.map((c) => [c.id, c.before.action, c.after.action, c.after.due ?? null])).toEqual([
      [actionId(DECISION_ID, 2), 'Count the stock', 'Count the stock twice', null],
      [actionId(DECISION_ID, 1), 'Tell the care homes', 'Tell the care homes', '2026-11-22T18:00:00.000Z'],
    ]);
    expect(diff?.dropped.map((a) => a.action)).toEqual(['Arrange courier']);

    const { state, events } = trackAmendedActions(entry, { id: DECISION_ID, sequence: 1 }, rows);
    const byAction = new Map(state.updated.map(({ action }) => [action.action, action]));
    expect(byAction.get('Arrange courier')).toMatchObject({ status: 'dropped', version: 2 });
    expect(byAction.get('Arrange courier')?.history.at(-1)).toMatchObject({
      kind: 'amended',
      note: 'Courier found locally',
      amendmentId: entry.id,
    });
    expect(byAction.get('Count the stock twice')).toMatchObject({ status: 'open' });
    expect(byAction.get('Count the stock twice')?.due).toBeUndefined();
    expect(events.map((e) => [e.type, (e.data as { change?: string }).change])).toEqual([
      ['action.updated', 'changed'],
      ['action.updated', 'changed'],
      ['action.updated', 'dropped'],
    ]);
  });

  it('leaves a done action done when an amendment drops it, and reopens an overdue one given a later due', () => {
    const original = logged();
    const [courier, homes] = trackDecisionActions(original).state.created;
    if (courier === undefined || homes === undefined) throw new Error('fixture');
    const entry = amended(original, {
      actions: [{ id: homes.id, action: homes.action, owner: homes.owner, due: '2026-11-23T12:00:00.000Z' }],
    });
    const { state } = trackAmendedActions(entry, { id: DECISION_ID, sequence: 1 }, [
      { ...courier, status: 'done' },
      { ...homes, status: 'overdue' },
    ]);
    expect(state.updated.map(({ action }) => [action.action, action.status])).toEqual([
      ['Tell the care homes', 'open'],
    ]);
  });

  it('refuses an id that is not one of the decision’s actions, or named twice', () => {
    const original = logged();
    const refuse = (actions: Array<{ id?: string; action: string; owner: string }>) => {
      try {
        amended(original, { actions });
        return 'ok';
      } catch (error) {
        return (error as { errors: Array<{ path: string }> }).errors.map((e) => e.path);
      }
    };
    expect(refuse([{ id: actionId('other', 0), action: 'x', owner: 'y' }])).toEqual(['changes.actions.0.id']);
    const id = actionId(DECISION_ID, 0);
    expect(
      refuse([
        { id, action: 'x', owner: 'y' },
        { id, action: 'z', owner: 'y' },
      ]),
    ).toEqual(['changes.actions.1.id']);
  });

  it('matches by text only among actions nothing else claimed', () => {
    const current = [
      { id: 'a', action: 'Ring', owner: 'x' },
      { id: 'b', action: 'Ring', owner: 'y' },
    ];
    const { diff, list } = diffActions(
      current,
      [
        { action: 'Ring', owner: 'y' },
        { action: ' Ring ', owner: 'y' },
      ],
      (i) => `new-${String(i)}`,
    );
    expect(list.map((a) => a.id)).toEqual(['a', 'b']);
    // a changes owner; b only the spaces around its text, which are stored as given.
    expect(diff.changed.map((c) => c.id)).toEqual(['a', 'b']);
    expect(diff.added).toEqual([]);
    expect(diff.dropped).toEqual([]);
  });
});
