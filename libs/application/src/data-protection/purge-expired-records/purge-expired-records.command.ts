import { Command } from '@nestjs/cqrs';
import { RetentionRecordType } from '@muster/domain';

/** What a purge did for one record type. */
export type PurgeOutcome =
  | { recordType: RetentionRecordType; deleted: number; complete: boolean }
  | { recordType: RetentionRecordType; skipped: 'legal-hold' | 'kept' };

export class PurgeExpiredRecords extends Command<PurgeOutcome[]> {
  constructor(
    /** Rows deleted per transaction: short transactions, short locks. */
    readonly batchSize = 1_000,
    /** Batches per type per run; a backlog beyond it is finished by the next run. */
    readonly maxBatches = 100,
  ) {
    super();
  }
}
