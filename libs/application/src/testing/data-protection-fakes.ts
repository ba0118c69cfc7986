import {
  AccessAuditEntry,
  AccessAuditRecord,
  Principal,
  purgeCutoff,
  RetentionPolicy,
  RetentionRecordType,
} from '@muster/domain';
import { AccessAudit, AccessAuditFilter, AccessAuditReader, AuditCursor, PurgeBatchResult, RetentionStore } from '../ports/data-protection';

/** The audit log in memory: what each request recorded, and the rows an export reads. */
export class FakeAccessAudit extends AccessAudit {
  readonly calls: Array<{ sub: string; entries: AccessAuditEntry[] }> = [];
  readonly rows: AccessAuditRecord[] = [];

  async recordEach(shown: ReadonlyArray<{ principal: Principal; entries: readonly AccessAuditEntry[] }>): Promise<void> {
    for (const { principal, entries } of shown) {
      this.calls.push({ sub: principal.sub, entries: [...entries] });
      for (const entry of entries) {
        this.rows.push({ ...entry, id: String(this.rows.length + 1), at: new Date().toISOString(), sub: principal.sub, name: principal.name });
      }
    }
  }

  reader(): AccessAuditReader {
    const rows = this.rows;
    return new (class extends AccessAuditReader {
      async page(filter: AccessAuditFilter, after: AuditCursor | undefined, limit: number): Promise<AccessAuditRecord[]> {
        return rows
          .filter((r) => Number(r.id) > Number(after?.id ?? 0) && new Date(r.at) >= filter.from && new Date(r.at) < filter.to)
          .filter((r) => filter.sub === undefined || r.sub === filter.sub)
          .slice(0, limit);
      }
    })();
  }
}

/** Policies and, per type, the ages of the records held (deleted oldest first, like the real store). */
export class FakeRetentionStore extends RetentionStore {
  readonly policies = new Map<RetentionRecordType, RetentionPolicy>();
  readonly records = new Map<RetentionRecordType, Date[]>();
  /** Runs before each batch: lets a test change a policy while a purge is under way. */
  beforeBatch: () => void = () => undefined;

  async list(): Promise<RetentionPolicy[]> {
    return [...this.policies.values()];
  }
  async get(recordType: RetentionRecordType): Promise<RetentionPolicy | undefined> {
    return this.policies.get(recordType);
  }
  /** Stores a policy directly, as if an administrator had set it earlier. */
  hold(policy: RetentionPolicy): this {
    this.policies.set(policy.recordType, policy);
    return this;
  }
  async purgeBatch(recordType: RetentionRecordType, now: Date, limit: number): Promise<PurgeBatchResult> {
    this.beforeBatch();
    const policy = this.policies.get(recordType);
    if (policy === undefined) return { skipped: 'kept' };
    if (policy.legalHold) return { skipped: 'legal-hold' };
    const cutoff = purgeCutoff(policy, now);
    if (cutoff === undefined) return { skipped: 'kept' };
    const held = this.records.get(recordType) ?? [];
    const expired = held.filter((at) => at < cutoff).slice(0, limit);
    this.records.set(recordType, held.filter((at) => !expired.includes(at)));
    return { deleted: expired.length };
  }
}
