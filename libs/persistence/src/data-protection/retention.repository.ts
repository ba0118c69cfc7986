import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PurgeBatchResult, RetentionStore } from '@muster/application';
import { purgeCutoff, RETENTION_RECORD_TYPES, RetentionPolicy, RetentionRecordType } from '@muster/domain';
import { PURGE_STATEMENTS } from './purge-statements';

interface PolicyRow {
  record_type: RetentionRecordType;
  retain_days: number | null;
  legal_hold: boolean;
  reason: string | null;
  updated_by: RetentionPolicy['updatedBy'];
  updated_at: Date;
}

const toPolicy = (row: PolicyRow): RetentionPolicy => ({
  recordType: row.record_type,
  retainDays: row.retain_days,
  legalHold: row.legal_hold,
  reason: row.reason,
  updatedBy: row.updated_by,
  updatedAt: row.updated_at.toISOString(),
});

/** Escalations before requests: an escalation's foreign key holds its request back until it is gone. */
const order = (type: RetentionRecordType) => RETENTION_RECORD_TYPES.indexOf(type);

@Injectable()
export class RetentionRepository extends RetentionStore {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async list(): Promise<RetentionPolicy[]> {
    const rows: PolicyRow[] = await this.dataSource.query(`SELECT * FROM retention_policy`);
    return rows.map(toPolicy).sort((a, b) => order(a.recordType) - order(b.recordType));
  }

  async get(recordType: RetentionRecordType): Promise<RetentionPolicy | undefined> {
    const rows: PolicyRow[] = await this.dataSource.query(`SELECT * FROM retention_policy WHERE record_type = $1`, [
      recordType,
    ]);
    return rows[0] && toPolicy(rows[0]);
  }

  async purgeBatch(recordType: RetentionRecordType, now: Date, limit: number): Promise<PurgeBatchResult> {
    return this.dataSource.transaction(async (manager) => {
      // FOR SHARE: a legal hold being set waits for this batch, and the next batch sees it.
      const rows: PolicyRow[] = await manager.query(`SELECT * FROM retention_policy WHERE record_type = $1 FOR SHARE`, [
        recordType,
      ]);
      const policy = rows[0];
      if (policy === undefined) return { skipped: 'kept' };
      if (policy.legal_hold) return { skipped: 'legal-hold' };
      const cutoff = purgeCutoff({ retainDays: policy.retain_days, legalHold: policy.legal_hold }, now);
      if (cutoff === undefined) return { skipped: 'kept' };
      const [result]: Array<{ deleted: number }> = await manager.query(PURGE_STATEMENTS[recordType], [cutoff, limit]);
      return { deleted: result?.deleted ?? 0 };
    });
  }
}
