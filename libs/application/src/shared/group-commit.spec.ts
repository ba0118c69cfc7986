import { BatchItemsRefused, Transaction, UnitOfWork } from '../ports/transaction';
import type { RequestScope } from '../ports/request-scope';
import { GroupCommit } from './group-commit';

/** The batch work here never touches the transaction's stores. */
const UNUSED_TX = new Proxy({} as Transaction, {
  get: () => {
    throw new Error('the transaction is not used by these tests');
  },
});

/**
 * A unit of work whose transactions commit what the batch work returns, recording each attempt. The
 * database's refusals are played by the work: it throws as PostgreSQL would when an item cannot be stored.
 */
class RecordingUnitOfWork extends UnitOfWork {
  readonly attempts: string[][] = [];
  readonly committed: string[] = [];
  down = false;

  requestScope(): RequestScope {
    return {};
  }

  async run<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return work(UNUSED_TX);
  }

  async runBatch<T>(scopes: readonly RequestScope[], work: (tx: Transaction) => Promise<T[]>): Promise<T[]> {
    const outcomes = await work(UNUSED_TX);
    if (outcomes.length !== scopes.length) throw new Error('one outcome per scope');
    this.committed.push(...outcomes.map(String));
    return outcomes;
  }

  override unavailable(error: unknown): boolean {
    return this.down && error instanceof Error && error.message === 'connection terminated';
  }
}

/** What PostgreSQL throws for a value it cannot store (a NUL in jsonb, a date in year 0). */
class DatabaseRefusal extends Error {
  readonly code = '22P05';
}

function groupCommit(unitOfWork: RecordingUnitOfWork, refuse: (item: string) => Error | undefined) {
  return new GroupCommit<string, string>(
    unitOfWork,
    // A rejected promise, as the real work's failure would be, rather than a synchronous throw.
    (_tx, _key, batch) =>
      Promise.resolve().then(() => {
        const items = batch.map((b) => b.item);
        unitOfWork.attempts.push(items);
        for (const item of items) {
          const error = refuse(item);
          if (error !== undefined) throw error;
        }
        return items;
      }),
    100,
  );
}

describe('GroupCommit', () => {
  it('commits the first request alone and those that arrive meanwhile together', async () => {
    const uow = new RecordingUnitOfWork();
    const commits = groupCommit(uow, () => undefined);

    const results = await Promise.all(['a', 'b', 'c'].map((item) => commits.submit('ppe', item)));

    expect(results).toEqual(['a', 'b', 'c']);
    expect(uow.attempts).toEqual([['a'], ['b', 'c']]);
  });

  it('retries a batch that fails with a database error request by request: only the offending request fails', async () => {
    const uow = new RecordingUnitOfWork();
    const refusal = new DatabaseRefusal('unsupported Unicode escape sequence');
    const commits = groupCommit(uow, (item) => (item === 'bad' ? refusal : undefined));

    const results = await Promise.allSettled(['a', 'b', 'bad', 'c', 'd'].map((item) => commits.submit('ppe', item)));

    expect(results).toEqual([
      { status: 'fulfilled', value: 'a' },
      { status: 'fulfilled', value: 'b' },
      { status: 'rejected', reason: refusal },
      { status: 'fulfilled', value: 'c' },
      { status: 'fulfilled', value: 'd' },
    ]);
    // 'a' alone; b, bad, c, d together (refused as a whole); then each alone, in order.
    expect(uow.attempts).toEqual([['a'], ['b', 'bad', 'c', 'd'], ['b'], ['bad'], ['c'], ['d']]);
    expect(uow.committed).toEqual(['a', 'b', 'c', 'd']);
  });

  it('isolates several offending requests in one batch, whatever the error', async () => {
    const uow = new RecordingUnitOfWork();
    const commits = groupCommit(uow, (item) =>
      item.startsWith('bad') ? new TypeError(`cannot store ${item}`) : undefined,
    );

    const results = await Promise.allSettled(['a', 'bad-1', 'b', 'bad-2'].map((item) => commits.submit('ppe', item)));

    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected']);
    expect(uow.committed).toEqual(['a', 'b']);
  });

  it('fails a request refused alone (its idempotency key taken) on the retry, and commits the rest', async () => {
    const uow = new RecordingUnitOfWork();
    const taken = new Error('key taken');
    const refusal = new DatabaseRefusal('date/time field value out of range');
    const commits = new GroupCommit<string, string>(
      uow,
      (_tx, _key, batch) =>
        Promise.resolve().then(() => {
          const items = batch.map((b) => b.item);
          uow.attempts.push(items);
          if (items.includes('bad')) throw refusal;
          const index = items.indexOf('replayed');
          if (index >= 0) throw new BatchItemsRefused(new Map([[index, taken]]));
          return items;
        }),
      100,
    );

    const results = await Promise.allSettled(['a', 'b', 'replayed', 'bad'].map((item) => commits.submit('ppe', item)));

    expect(results).toEqual([
      { status: 'fulfilled', value: 'a' },
      { status: 'fulfilled', value: 'b' },
      { status: 'rejected', reason: taken },
      { status: 'rejected', reason: refusal },
    ]);
    expect(uow.committed).toEqual(['a', 'b']);
  });

  it('fails every request of a batch at once when the database is unreachable: no retry that could only wait, or write twice', async () => {
    const uow = new RecordingUnitOfWork();
    uow.down = true;
    const lost = new Error('connection terminated');
    let failing = true;
    const commits = groupCommit(uow, (item) => (failing && item !== 'a' ? lost : undefined));

    const results = await Promise.allSettled(['a', 'b', 'c', 'd'].map((item) => commits.submit('ppe', item)));

    expect(results).toEqual([
      { status: 'fulfilled', value: 'a' },
      ...['b', 'c', 'd'].map(() => ({ status: 'rejected', reason: lost })),
    ]);
    expect(uow.attempts).toEqual([['a'], ['b', 'c', 'd']]);

    failing = false;
    expect(await commits.submit('ppe', 'e')).toBe('e');
  });

  it('keeps keys apart: a refusal in one key’s batch leaves another key’s batch alone', async () => {
    const uow = new RecordingUnitOfWork();
    const commits = groupCommit(uow, (item) =>
      item === 'ppe-bad' ? new DatabaseRefusal('value out of range') : undefined,
    );

    const results = await Promise.allSettled([
      commits.submit('ppe', 'ppe-1'),
      commits.submit('food', 'food-1'),
      commits.submit('ppe', 'ppe-bad'),
      commits.submit('food', 'food-2'),
      commits.submit('ppe', 'ppe-2'),
    ]);

    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(uow.attempts.filter((a) => a.some((i) => i.startsWith('food')))).toEqual([['food-1'], ['food-2']]);
  });
});
