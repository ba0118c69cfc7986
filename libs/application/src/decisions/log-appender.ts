import { Injectable } from '@nestjs/common';
import { Clock } from '../ports/clock';
import { UnitOfWork } from '../ports/transaction';
import { GroupCommit } from '../shared/group-commit';
import { appendDrafts, EntryDraft } from './append-entry';

/** Bounds one transaction's statements (and how long it holds the cell's head). */
export const MAX_APPENDS_PER_COMMIT = 100;

/**
 * Appends to the decision logs with group commit: appends to one cell wait for its chain head anyway,
 * so those that arrive while the cell's transaction is in flight are linked and committed together by
 * the next one (one lock, one insert of entries, one of events, one of idempotency records).
 */
@Injectable()
export class DecisionLogAppender {
  private readonly commits: GroupCommit<EntryDraft<unknown>, unknown>;

  constructor(unitOfWork: UnitOfWork, clock: Clock) {
    this.commits = new GroupCommit(
      unitOfWork,
      (tx, cell, batch) => appendDrafts(tx, clock, cell, batch),
      MAX_APPENDS_PER_COMMIT,
    );
  }

  /** Resolves with the draft's outcome once its entry has committed. */
  async append<T>(cell: string, draft: EntryDraft<T>): Promise<T> {
    // The outcome is what draft.outcome returned for this very draft.
    return (await this.commits.submit(cell, draft)) as T;
  }
}
