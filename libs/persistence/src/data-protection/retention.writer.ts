import { EntityManager } from 'typeorm';
import { RetentionWriter } from '@muster/application';
import { RetentionPolicy } from '@muster/domain';
import { writerFor } from '../transaction-writers';

/** Retention settings inside a write transaction, beside the journal event that records the change. */
export class TransactionalRetentionWriter extends RetentionWriter {
  constructor(private readonly manager: EntityManager) {
    super();
  }

  async save(policy: RetentionPolicy): Promise<void> {
    await this.manager.query(
      `INSERT INTO retention_policy (record_type, retain_days, legal_hold, reason, updated_by, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (record_type) DO UPDATE SET retain_days = EXCLUDED.retain_days, legal_hold = EXCLUDED.legal_hold,
         reason = EXCLUDED.reason, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
      [
        policy.recordType,
        policy.retainDays,
        policy.legalHold,
        policy.reason,
        JSON.stringify(policy.updatedBy),
        policy.updatedAt,
      ],
    );
  }
}

export const retentionWriter = writerFor(RetentionWriter, (manager) => new TransactionalRetentionWriter(manager));
