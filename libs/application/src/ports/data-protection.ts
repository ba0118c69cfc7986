import { AccessAuditEntry, AccessAuditRecord, Principal, RetentionPolicy, RetentionRecordType } from '@muster/domain';

/** The access audit log: who was shown which OFFICIAL-SENSITIVE item. */
export abstract class AccessAudit {
  /** Records the sensitive items one request returned to its caller, in one statement. */
  record(principal: Principal, entries: readonly AccessAuditEntry[]): Promise<void> {
    return this.recordEach([{ principal, entries }]);
  }
  /** Records what several callers were shown (one live event pushed to many sockets), in one statement. */
  abstract recordEach(
    shown: ReadonlyArray<{ principal: Principal; entries: readonly AccessAuditEntry[] }>,
  ): Promise<void>;
}

export type AuditCursor = Pick<AccessAuditRecord, 'at' | 'id'>;

export interface AccessAuditFilter {
  from: Date;
  to: Date;
  sub?: string;
}

export abstract class AccessAuditReader {
  /** Rows recorded in [from, to), oldest first, after the row `after` (keyset paging on time and id). */
  abstract page(filter: AccessAuditFilter, after: AuditCursor | undefined, limit: number): Promise<AccessAuditRecord[]>;
}

/** What one purge batch did: rows deleted, or why nothing was (the policy changed while purging). */
export type PurgeBatchResult = { deleted: number } | { skipped: 'legal-hold' | 'kept' };

export abstract class RetentionStore {
  abstract list(): Promise<RetentionPolicy[]>;
  abstract get(recordType: RetentionRecordType): Promise<RetentionPolicy | undefined>;
  /**
   * Deletes at most `limit` expired records of one type in one transaction that re-reads the type's
   * policy under a share lock, so a legal hold set meanwhile stops the very next batch.
   */
  abstract purgeBatch(recordType: RetentionRecordType, now: Date, limit: number): Promise<PurgeBatchResult>;
}
