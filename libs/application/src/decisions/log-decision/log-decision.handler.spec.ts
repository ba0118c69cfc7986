import { GENESIS_HASH, verifyChain } from '@muster/domain';
import { LogDecision } from './log-decision.command';
import { DecisionLogAppender } from '../log-appender';
import { LogDecisionHandler } from './log-decision.handler';
import { FakeClock, fakeDecisionLog, FakeReference, FakeStore } from '@muster/doubles';
import { BIRMINGHAM, decisionInput, person } from '@muster/builders';

const lead = person('cell-lead', { sub: 'lead-1', name: 'Asha Lead', cells: ['ppe'] });
const input = decisionInput({ authorities: [BIRMINGHAM] });

describe('LogDecisionHandler', () => {
  let store: FakeStore;
  let clock: FakeClock;
  let handler: LogDecisionHandler;

  beforeEach(() => {
    store = new FakeStore();
    clock = new FakeClock(new Date('2026-11-22T10:02:00.000Z'));
    handler = new LogDecisionHandler(new FakeReference(), new DecisionLogAppender(store, clock));
    store.tables(fakeDecisionLog).journalPosition = 42;
  });

  it('appends a linked entry and a decision.logged event in one unit of work', async () => {
    const first = await handler.execute(new LogDecision(lead, 'ppe', input));
    clock.current = new Date('2026-11-22T10:03:00.000Z');
    const second = await handler.execute(new LogDecision(lead, 'ppe', { ...input, title: 'Second' }));

    expect(first).toMatchObject({ sequence: 1, prevHash: GENESIS_HASH, recordedAt: '2026-11-22T10:02:00.000Z' });
    expect(second).toMatchObject({ sequence: 2, prevHash: first.hash });
    expect(
      verifyChain(store.tables(fakeDecisionLog).entries, store.tables(fakeDecisionLog).headOf('ppe')),
    ).toMatchObject({ valid: true, entries: 2 });
    // Each decision records the position of the common picture it was taken against.
    expect(
      store
        .tables(fakeDecisionLog)
        .entries.map((e) => (e.body.kind === 'decision' ? e.body.record.journalPosition : undefined)),
    ).toEqual([42, 42]);
    expect(store.events.map((e) => [e.type, e.cell, e.authorities, e.actor])).toEqual([
      ['decision.logged', 'ppe', [BIRMINGHAM], 'lead-1'],
      ['decision.logged', 'ppe', [BIRMINGHAM], 'lead-1'],
    ]);
  });

  it('keeps separate chains per cell', async () => {
    const regional = person('regional-coordinator', { sub: 'r' });
    await handler.execute(new LogDecision(regional, 'ppe', input));
    const food = await handler.execute(new LogDecision(regional, 'food', input));
    expect(food).toMatchObject({ sequence: 1, prevHash: GENESIS_HASH });
  });

  it('refuses a lead of another cell and writes nothing', async () => {
    await expect(handler.execute(new LogDecision(lead, 'food', input))).rejects.toMatchObject({ code: 'forbidden' });
    expect(store.tables(fakeDecisionLog).entries).toHaveLength(0);
    expect(store.events).toHaveLength(0);
  });

  it('reports an unknown cell as not found', async () => {
    await expect(handler.execute(new LogDecision(lead, 'floods', input))).rejects.toMatchObject({ code: 'not-found' });
  });

  it('refuses a late decision without a reason and writes nothing', async () => {
    clock.current = new Date('2026-11-22T10:30:00.000Z');
    await expect(handler.execute(new LogDecision(lead, 'ppe', input))).rejects.toMatchObject({ code: 'rule-violated' });
    expect(store.tables(fakeDecisionLog).entries).toHaveLength(0);
  });
});
