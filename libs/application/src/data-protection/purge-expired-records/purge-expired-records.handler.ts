import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { purgeCutoff, RetentionPolicy } from '@muster/domain';
import { Clock } from '../../ports/clock';
import { RetentionStore } from '../../ports/data-protection';
import { PurgeExpiredRecords, PurgeOutcome } from './purge-expired-records.command';

/**
 * Deletes records past their retention, type by type, in bounded batches. Nothing is deleted for a type
 * under legal hold, and each batch re-reads its policy, so a hold set mid-run stops the next batch.
 */
@CommandHandler(PurgeExpiredRecords)
export class PurgeExpiredRecordsHandler implements ICommandHandler<PurgeExpiredRecords> {
  constructor(
    private readonly store: RetentionStore,
    private readonly clock: Clock,
  ) {}

  async execute({ batchSize, maxBatches }: PurgeExpiredRecords): Promise<PurgeOutcome[]> {
    const now = this.clock.now();
    const outcomes: PurgeOutcome[] = [];
    for (const policy of await this.store.list()) outcomes.push(await this.purge(policy, now, batchSize, maxBatches));
    return outcomes;
  }

  private async purge(
    policy: RetentionPolicy,
    now: Date,
    batchSize: number,
    maxBatches: number,
  ): Promise<PurgeOutcome> {
    const { recordType } = policy;
    if (policy.legalHold) return { recordType, skipped: 'legal-hold' };
    if (purgeCutoff(policy, now) === undefined) return { recordType, skipped: 'kept' };
    let deleted = 0;
    for (let batch = 0; batch < maxBatches; batch++) {
      const result = await this.store.purgeBatch(recordType, now, batchSize);
      if ('skipped' in result)
        return deleted > 0 ? { recordType, deleted, complete: false } : { recordType, skipped: result.skipped };
      deleted += result.deleted;
      if (result.deleted < batchSize) return { recordType, deleted, complete: true };
    }
    return { recordType, deleted, complete: false };
  }
}
