import { DomainError, GENESIS_HASH, verifyChain } from '@muster/domain';
import { BatchItemsRefused, Transaction } from '../ports/transaction';
import type { RequestScope } from '../ports/request-scope';
import { decisionDraft } from './append-entry';
import { DecisionLogAppender, MAX_APPENDS_PER_COMMIT } from './log-appender';
import { FakeClock, fakeDecisionLog, FakeStore } from '@muster/doubles';
import { decisionInput, person } from '@muster/builders';

const lead = person('cell-lead', { sub: 'lead-1', name: 'Asha Lead', cells: ['ppe', 'food'] });
const NOW = new Date('2026-11-22T10:00:00.000Z');

function draft(title: string, cell = 'ppe', chosen = true) {
  const input = decisionInput({
    title,
    decidedAt: NOW.toISOString(),
    options: [{ option: 'Release reserve', chosen }],
  });
  return decisionDraft(lead, cell, input, new Set());
}

/** A store whose first batches refuse the items at the given positions, as taken idempotency keys would be. */
class RefusingStore extends FakeStore {
  readonly batches: number[] = [];
  constructor(private readonly refusals: Array<ReadonlyMap<number, Error> | undefined>) {
    super();
  }
  override async runBatch<T>(scopes: readonly RequestScope[], work: (tx: Transaction) => Promise<T[]>): Promise<T[]> {
    this.batches.push(scopes.length);
    const refusal = this.refusals.shift();
    if (refusal !== undefined) throw new BatchItemsRefused(refusal);
    return super.runBatch(scopes, work);
  }
}

describe('DecisionLogAppender', () => {
  it('commits the first append at once and those that arrive meanwhile together, in one chain', async () => {
    const store = new FakeStore();
    const appender = new DecisionLogAppender(store, new FakeClock(NOW));

    const logged = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((title) => appender.append('ppe', draft(title))));

    // The first transaction carries 'a'; b to e queued behind it and share the second.
    expect(store.transactions).toBe(2);
    expect(logged.map((l) => l.sequence)).toEqual([1, 2, 3, 4, 5]);
    expect(logged[0]?.prevHash).toBe(GENESIS_HASH);
    expect(logged.slice(1).map((l) => l.prevHash)).toEqual(logged.slice(0, -1).map((l) => l.hash));
    expect(
      verifyChain(store.tables(fakeDecisionLog).entries, store.tables(fakeDecisionLog).headOf('ppe')),
    ).toMatchObject({ valid: true, entries: 5 });
    expect(
      store.tables(fakeDecisionLog).entries.map((e) => (e.body.kind === 'decision' ? e.body.record.title : '')),
    ).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(store.events.map((e) => e.type)).toEqual(Array(5).fill('decision.logged'));
  });

  it('keeps cells apart: each has its own chain and its own transactions', async () => {
    const store = new FakeStore();
    const appender = new DecisionLogAppender(store, new FakeClock(NOW));

    const [ppe, food] = await Promise.all([
      appender.append('ppe', draft('p')),
      appender.append('food', draft('f', 'food')),
    ]);

    expect([ppe?.sequence, food?.sequence]).toEqual([1, 1]);
    expect(store.transactions).toBe(2);
  });

  it(`bounds a transaction to ${MAX_APPENDS_PER_COMMIT} appends`, async () => {
    const store = new RefusingStore([]);
    const appender = new DecisionLogAppender(store, new FakeClock(NOW));

    await Promise.all(
      Array.from({ length: MAX_APPENDS_PER_COMMIT + 11 }, (_, i) => appender.append('ppe', draft(`d${i}`))),
    );

    expect(store.batches).toEqual([1, MAX_APPENDS_PER_COMMIT, 10]);
    expect(
      verifyChain(store.tables(fakeDecisionLog).entries, store.tables(fakeDecisionLog).headOf('ppe')),
    ).toMatchObject({ valid: true, entries: MAX_APPENDS_PER_COMMIT + 11 });
  });

  it('fails a refused request alone, after the rest of its batch has committed without it', async () => {
    const taken = new Error('key taken');
    const store = new RefusingStore([undefined, new Map([[1, taken]])]);
    const appender = new DecisionLogAppender(store, new FakeClock(NOW));
    let committedWhenRefused = -1;

    const [a, b, c, d] = await Promise.allSettled(
      ['a', 'b', 'c', 'd'].map((title) =>
        appender.append('ppe', draft(title)).catch((error: unknown) => {
          committedWhenRefused = store.tables(fakeDecisionLog).entries.length;
          throw error;
        }),
      ),
    );

    // 'a' alone, then b, c and d: refused because of c, then b and d again without it.
    expect(store.batches).toEqual([1, 3, 2]);
    expect([a, b, d]).toMatchObject([1, 2, 3].map((sequence) => ({ status: 'fulfilled', value: { sequence } })));
    expect(c).toEqual({ status: 'rejected', reason: taken });
    expect(committedWhenRefused).toBe(3);
    expect(
      verifyChain(store.tables(fakeDecisionLog).entries, store.tables(fakeDecisionLog).headOf('ppe')),
    ).toMatchObject({ valid: true, entries: 3 });
  });

  it('refuses a decision the rules refuse under the lock alone: the rest of its batch is linked and committed without it', async () => {
    const store = new RefusingStore([]);
    const appender = new DecisionLogAppender(store, new FakeClock(NOW));

    const [a, b, c, d] = await Promise.allSettled([
      appender.append('ppe', draft('a')),
      appender.append('ppe', draft('b')),
      appender.append('ppe', draft('no option chosen', 'ppe', false)),
      appender.append('ppe', draft('d')),
    ]);

    // 'a' alone, then b, c and d: c refused by the rule, then b and d linked again without it.
    expect(store.batches).toEqual([1, 3, 2]);
    expect([a, b, d]).toMatchObject([1, 2, 3].map((sequence) => ({ status: 'fulfilled', value: { sequence } })));
    expect(c).toMatchObject({ status: 'rejected', reason: expect.any(DomainError) });
    expect(c.status === 'rejected' && (c.reason as DomainError).errors.map((e) => e.path)).toEqual(['options']);
    expect(
      verifyChain(store.tables(fakeDecisionLog).entries, store.tables(fakeDecisionLog).headOf('ppe')),
    ).toMatchObject({ valid: true, entries: 3 });
    expect(store.events.map((e) => e.type)).toEqual(Array(3).fill('decision.logged'));
  });

  it('rejects every request of a batch that fails for another reason, and carries on with the next', async () => {
    const store = new FakeStore();
    const appender = new DecisionLogAppender(store, new FakeClock(NOW));
    const down = new Error('database unavailable');
    const run = store.runBatch.bind(store);
    let failures = 1;
    store.runBatch = async (scopes, work) => {
      if (failures-- > 0) throw down;
      return run(scopes, work);
    };

    const results = await Promise.allSettled([
      appender.append('ppe', draft('lost')),
      appender.append('ppe', draft('kept')),
    ]);

    expect(results[0]).toEqual({ status: 'rejected', reason: down });
    expect(results[1]).toMatchObject({ status: 'fulfilled', value: { sequence: 1 } });
  });
});
