import { BatchItemsRefused, Transaction, UnitOfWork } from '../ports/transaction';
import type { RequestScope } from '../ports/request-scope';

/** One request's item, with the request it comes from (for its correlation id on the journal). */
export interface Batched<TItem> {
  item: TItem;
  scope: RequestScope;
}

/** Writes one batch of items for one key inside a transaction; returns each item's outcome, in order. */
export type BatchWork<TItem, TOutcome> = (
  tx: Transaction,
  key: string,
  batch: ReadonlyArray<Batched<TItem>>,
) => Promise<TOutcome[]>;

interface Waiting<TItem, TOutcome> extends Batched<TItem> {
  resolve(outcome: TOutcome): void;
  reject(error: unknown): void;
}

/**
 * Group commit. Writes that serialise on one lock per key anyway (a cell's chain head, a cell's row)
 * need not each pay for their own transaction: those that arrive while the key's transaction is in
 * flight are written together by the next one. The first write to an idle key commits at once; nothing
 * waits for a batch to fill. Each request still gets its own outcome, stored under its own idempotency
 * claim, and fails alone: when the batch refuses it (BatchItemsRefused), the rest are retried without it;
 * when the batch fails for any other reason (a value the database would not store), each request is
 * retried in a transaction of its own, unless the database is unreachable.
 */
export class GroupCommit<TItem, TOutcome> {
  /** Keys with a transaction in flight, and what waits for the next one. */
  private readonly queues = new Map<string, Array<Waiting<TItem, TOutcome>>>();

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly work: BatchWork<TItem, TOutcome>,
    private readonly maxPerCommit: number,
  ) {}

  /** Resolves with the item's outcome once it has committed. */
  submit(key: string, item: TItem): Promise<TOutcome> {
    return new Promise<TOutcome>((resolve, reject) => {
      const waiting: Waiting<TItem, TOutcome> = { item, scope: this.unitOfWork.requestScope(), resolve, reject };
      const queue = this.queues.get(key);
      if (queue !== undefined) {
        queue.push(waiting);
        return;
      }
      this.queues.set(key, [waiting]);
      void this.drain(key);
    });
  }

  private async drain(key: string): Promise<void> {
    const queue = this.queues.get(key) ?? [];
    while (queue.length > 0) await this.commit(key, queue.splice(0, this.maxPerCommit));
    this.queues.delete(key);
  }

  /** Settles every request of the batch; never throws. */
  private async commit(key: string, batch: Array<Waiting<TItem, TOutcome>>): Promise<void> {
    let pending = batch;
    const refused: Array<[Waiting<TItem, TOutcome>, Error]> = [];
    try {
      for (;;) {
        try {
          const attempt = pending;
          const outcomes = await this.unitOfWork.runBatch(
            attempt.map((w) => w.scope),
            (tx) => this.work(tx, key, attempt),
          );
          if (outcomes.length !== attempt.length) throw new Error('a batch must answer each of its items, in order');
          outcomes.forEach((outcome, i) => attempt[i]?.resolve(outcome));
          return;
        } catch (error) {
          if (!(error instanceof BatchItemsRefused) || error.refusals.size === 0) {
            if (pending.length === 1 || this.unitOfWork.unavailable(error)) throw error;
            // Which request the database refused is unknown: each is tried alone, so only that one fails.
            const alone = pending;
            pending = [];
            for (const waiting of alone) await this.commit(key, [waiting]);
            return;
          }
          // Refused only after the rest commits: a key taken within the batch is replayed from what it stored.
          refused.push(
            ...pending.flatMap((w, i): Array<[Waiting<TItem, TOutcome>, Error]> => {
              const reason = error.refusals.get(i);
              return reason === undefined ? [] : [[w, reason]];
            }),
          );
          pending = pending.filter((_, i) => !error.refusals.has(i));
          if (pending.length === 0) return;
        }
      }
    } catch (error) {
      for (const w of pending) w.reject(error);
    } finally {
      for (const [w, reason] of refused) w.reject(reason);
    }
  }
}
