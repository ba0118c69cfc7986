import { ActionEventData } from '@muster/contracts';
import { AmendDecision } from '../decisions/amend-decision/amend-decision.command';
import { AmendDecisionHandler } from '../decisions/amend-decision/amend-decision.handler';
import { DecisionLogAppender } from '../decisions/log-appender';
import { LogDecision } from '../decisions/log-decision/log-decision.command';
import { LogDecisionHandler } from '../decisions/log-decision/log-decision.handler';
import { MarkActionOverdue } from './mark-action-overdue/mark-action-overdue.command';
import { MarkActionOverdueHandler } from './mark-action-overdue/mark-action-overdue.handler';
import { UpdateAction } from './update-action/update-action.command';
import { UpdateActionHandler } from './update-action/update-action.handler';
import { fakeActions, FakeAccessAudit, FakeClock, fakeDecisionLog, FakeReference, FakeStore } from '@muster/doubles';
import { decisionInput, lead, MINUTE, officer, plus } from '@muster/builders';

const LOGGED_AT = new Date('2026-11-22T10:02:00.000Z');
const priya = lead({ sub: 'lead-1', name: 'Priya Shah' });
const jas = officer({ sub: 'officer-sandwell', name: 'Jas Kaur' });
const input = decisionInput({
  actions: [
    { action: 'Arrange courier', owner: 'officer-sandwell', due: plus(LOGGED_AT, 60 * MINUTE).toISOString() },
    { action: 'Tell the care homes', owner: 'Care Homes Forum', due: plus(LOGGED_AT, 30 * MINUTE).toISOString() },
    { action: 'Count the stock', owner: 'lead-1' },
  ],
});

describe('a decision’s actions, from logging to done, overdue and dropped (fake clock)', () => {
  let store: FakeStore;
  let clock: FakeClock;
  let appender: DecisionLogAppender;

  beforeEach(() => {
    store = new FakeStore();
    clock = new FakeClock(LOGGED_AT);
    appender = new DecisionLogAppender(store, clock);
  });

  const actions = () => [...store.tables(fakeActions).rows.values()];
  const byText = (text: string) => {
    const found = actions().find((a) => a.action === text);
    if (found === undefined) throw new Error(`no action ${text}`);
    return found;
  };
  const actionEvents = () =>
    store.events.filter((e) => e.type.startsWith('action.')).map((e) => [e.type, (e.data as ActionEventData).action]);

  it('tracks each action once logged, in the decision’s transaction', async () => {
    await new LogDecisionHandler(new FakeReference(), appender).execute(new LogDecision(priya, 'ppe', input));
    expect(actions().map((a) => [a.action, a.status, a.decisionSequence])).toEqual([
      ['Arrange courier', 'open', 1],
      ['Tell the care homes', 'open', 1],
      ['Count the stock', 'open', 1],
    ]);
    expect(store.events.map((e) => e.type)).toEqual([
      'decision.logged',
      'action.created',
      'action.created',
      'action.created',
    ]);
    expect(store.transactions).toBe(1);
  });

  it('one done by its owner, one overdue exactly once, one dropped by an amendment that says so', async () => {
    const { id: decisionId } = await new LogDecisionHandler(new FakeReference(), appender).execute(
      new LogDecision(priya, 'ppe', input),
    );
    const audit = new FakeAccessAudit();
    const update = new UpdateActionHandler(store, clock, audit);
    const overdue = new MarkActionOverdueHandler(store, clock);

    clock.current = plus(LOGGED_AT, 10 * MINUTE);
    await update.execute(new UpdateAction(jas, byText('Arrange courier').id, { status: 'done', note: 'Booked' }));
    expect(byText('Arrange courier').status).toBe('done');

    const homes = byText('Tell the care homes').id;
    await expect(overdue.execute(new MarkActionOverdue(homes))).resolves.toEqual({
      outcome: 'early',
      dueAt: plus(LOGGED_AT, 30 * MINUTE).toISOString(),
    });
    clock.current = plus(LOGGED_AT, 31 * MINUTE);
    await expect(overdue.execute(new MarkActionOverdue(homes))).resolves.toEqual({ outcome: 'applied' });
    await expect(overdue.execute(new MarkActionOverdue(homes))).resolves.toEqual({ outcome: 'moot' });
    // The done action's timer finds nothing to do.
    clock.current = plus(LOGGED_AT, 61 * MINUTE);
    await expect(overdue.execute(new MarkActionOverdue(byText('Arrange courier').id))).resolves.toEqual({
      outcome: 'moot',
    });
    expect(byText('Tell the care homes').status).toBe('overdue');

    const amend = new AmendDecisionHandler(new FakeReference(), store.tables(fakeDecisionLog).reader(), appender);
    const logged = await amend.execute(
      new AmendDecision(priya, 'ppe', decisionId, {
        reason: 'Stock counted by the national team',
        changes: {
          actions: [
            { action: 'Arrange courier', owner: 'officer-sandwell' },
            { action: 'Tell the care homes', owner: 'Care Homes Forum' },
            { action: 'Confirm receipt', owner: 'officer-sandwell' },
          ],
        },
      }),
    );
    expect(logged.actionsDiff?.added.map((a) => a.action)).toEqual(['Confirm receipt']);
    expect(logged.actionsDiff?.dropped.map((a) => a.action)).toEqual(['Count the stock']);
    expect(logged.actionsDiff?.changed.map((c) => c.after.action)).toEqual(['Arrange courier', 'Tell the care homes']);
    expect(byText('Count the stock')).toMatchObject({ status: 'dropped' });
    expect(byText('Count the stock').history.at(-1)).toMatchObject({
      note: 'Stock counted by the national team',
      amendmentId: logged.id,
    });
    // Done stays done when its due time is removed; nothing was deleted.
    expect(byText('Arrange courier').status).toBe('done');
    expect(byText('Confirm receipt')).toMatchObject({ status: 'open', decisionId, decisionSequence: 1 });
    expect(actions()).toHaveLength(4);

    expect(actionEvents()).toEqual([
      ['action.created', 'Arrange courier'],
      ['action.created', 'Tell the care homes'],
      ['action.created', 'Count the stock'],
      ['action.updated', 'Arrange courier'],
      ['action.overdue', 'Tell the care homes'],
      ['action.created', 'Confirm receipt'],
      ['action.updated', 'Arrange courier'],
      ['action.updated', 'Tell the care homes'],
      ['action.updated', 'Count the stock'],
    ]);
    expect(store.events.filter((e) => e.type === 'action.overdue')).toHaveLength(1);
  });

  it('refuses an update by someone else and reports an action they may not see as absent', async () => {
    await new LogDecisionHandler(new FakeReference(), appender).execute(
      new LogDecision(priya, 'ppe', { ...input, marking: 'OFFICIAL' }),
    );
    const update = new UpdateActionHandler(store, clock, new FakeAccessAudit());
    const id = byText('Count the stock').id;
    await expect(update.execute(new UpdateAction(jas, id, { status: 'done' }))).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(
      update.execute(new UpdateAction(jas, '00000000-0000-4000-8000-000000000000', { status: 'done' })),
    ).rejects.toMatchObject({ code: 'not-found' });
    expect(byText('Count the stock').status).toBe('open');
  });
});
