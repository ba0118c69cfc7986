import {
  ACTION_DUE,
  lead,
  member,
  officer,
  person,
  plus,
  regional,
  rule,
  trackedAction,
  MINUTE,
} from '@muster/builders';
import { markActionOverdue, pendingActionDue, updateAction } from './action-rules';

const owner = officer({ sub: 'authority-officer-1', name: 'Jas Kaur' });
const at = new Date('2026-11-22T12:00:00.000Z');
const data = (fields: Record<string, unknown>) => expect.objectContaining({ data: expect.objectContaining(fields) });

describe('updateAction', () => {
  it('lets the owner mark it done, once: done is final', () => {
    const { state } = rule(updateAction)
      .given(trackedAction())
      .when({ by: owner, at, status: 'done', note: 'Booked for 14:00' })
      .then([data({ status: 'done', note: 'Booked for 14:00', actor: 'Jas Kaur', owner: 'authority-officer-1' })]);
    expect(state).toMatchObject({ status: 'done', version: 2, updatedAt: at.toISOString() });
    expect(state.history.at(-1)).toEqual({
      at: at.toISOString(),
      by: { sub: 'authority-officer-1', name: 'Jas Kaur' },
      kind: 'updated',
      status: 'done',
      note: 'Booked for 14:00',
    });
    rule(updateAction).given(state).when({ by: owner, at, note: 'one more thing' }).thenRefused('conflict');
    rule(updateAction).given(state).when({ by: owner, at, status: 'dropped', note: 'no' }).thenRefused('conflict');
  });

  it('needs a reason to drop, and something to say', () => {
    rule(updateAction)
      .given(trackedAction())
      .when({ by: owner, at, status: 'dropped' })
      .thenRefused('rule-violated', 'note');
    rule(updateAction)
      .given(trackedAction())
      .when({ by: owner, at, status: 'dropped', note: '  ' })
      .thenRefused('rule-violated', 'note');
    rule(updateAction).given(trackedAction()).when({ by: owner, at }).thenRefused('rule-violated', 'status');
    const { state } = rule(updateAction)
      .given(trackedAction({ status: 'overdue' }))
      .when({ by: lead(), at, status: 'dropped', note: 'Courier no longer needed' })
      .decided();
    expect(state.status).toBe('dropped');
  });

  it('keeps the status on a note alone, an overdue action staying overdue', () => {
    const { state } = rule(updateAction)
      .given(trackedAction({ status: 'overdue' }))
      .when({ by: owner, at, note: 'Chasing the courier' })
      .then([data({ status: 'overdue', note: 'Chasing the courier' })]);
    expect(state.history).toHaveLength(2);
  });

  it('is for the owner, the cell’s lead or regional, and only one who may see it', () => {
    const verdict = (by: Parameters<typeof updateAction>[0]['by'], overrides = {}) =>
      rule(updateAction).given(trackedAction(overrides)).when({ by, at, status: 'done' }).verdict();
    expect(verdict(owner)).toBe('ok');
    expect(verdict(lead())).toBe('ok');
    expect(verdict(regional())).toBe('ok');
    expect(verdict(member())).toBe('forbidden');
    expect(verdict(lead({ cells: ['food'] }))).toBe('forbidden');
    expect(verdict(person('mayors-office'))).toBe('forbidden');
    expect(verdict(officer({ sub: 'someone-else' }))).toBe('forbidden');
    // Sensitive: the lead without clearance may not see it, so may not update it.
    expect(verdict(lead(), { marking: 'OFFICIAL-SENSITIVE' })).toBe('forbidden');
    expect(verdict(lead({ clearance: 'OFFICIAL-SENSITIVE' }), { marking: 'OFFICIAL-SENSITIVE' })).toBe('ok');
  });
});

describe('markActionOverdue (fake clock: the timer may fire early, late or twice)', () => {
  it('marks an open action overdue once its due time has passed, and only once', () => {
    const { state } = rule(markActionOverdue)
      .given(trackedAction())
      .when({ at: plus(ACTION_DUE, 5 * MINUTE) })
      .then([
        expect.objectContaining({
          type: 'action.overdue',
          cell: 'ppe',
          data: expect.objectContaining({
            actionId: trackedAction().id,
            action: 'Arrange courier',
            owner: 'authority-officer-1',
            due: ACTION_DUE,
            status: 'overdue',
            actor: 'system',
          }),
        }),
      ]);
    expect(state.history.at(-1)).toMatchObject({ by: 'system', kind: 'overdue' });
    rule(markActionOverdue)
      .given(state)
      .when({ at: plus(ACTION_DUE, 10 * MINUTE) })
      .thenNothing();
    expect(pendingActionDue(state)).toBeUndefined();
  });

  it('does nothing before the due time, nor for an action done, dropped or without a due time', () => {
    rule(markActionOverdue)
      .given(trackedAction())
      .when({ at: plus(ACTION_DUE, -1) })
      .thenNothing();
    rule(markActionOverdue)
      .given(trackedAction())
      .when({ at: new Date(ACTION_DUE) })
      .decided();
    for (const status of ['done', 'dropped'] as const) {
      rule(markActionOverdue)
        .given(trackedAction({ status }))
        .when({ at: plus(ACTION_DUE, MINUTE) })
        .thenNothing();
    }
    rule(markActionOverdue)
      .given(trackedAction({ due: undefined }))
      .when({ at: plus(ACTION_DUE, MINUTE) })
      .thenNothing();
    expect(pendingActionDue(trackedAction())).toBe(ACTION_DUE);
  });
});
