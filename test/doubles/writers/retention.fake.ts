import { purgeCutoff, RetentionPolicy, RetentionRecordType } from '@muster/domain';
import { PurgeBatchResult, RetentionStore, RetentionWriter } from '@muster/application';
import { FakeTables, fakeWriterFor } from '../fake-store';

/** Policies and, per type, the ages of the records held (deleted oldest first, like the real store). */
export class FakeRetentionStore extends RetentionStore implements FakeTables<RetentionWriter> {
  readonly policies = new Map<RetentionRecordType, RetentionPolicy>();
  readonly records = new Map<RetentionRecordType, Date[]>();
  /** Runs before each batch: lets a test change a policy while a purge is under way. */
  beforeBatch: () => void = () => undefined;

  begin() {
    const draft = new Map(this.policies);
    const writer = new (class extends RetentionWriter {
      async save(policy: RetentionPolicy): Promise<void> {
        draft.set(policy.recordType, policy);
      }
    })();
    const commit = () => {
      this.policies.clear();
      for (const [recordType, policy] of draft) this.policies.set(recordType, policy);
    };
    return { writer, commit };
  }

  snapshot(): unknown {
    return { policies: [...this.policies], records: [...this.records] };
  }

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
    this.records.set(
      recordType,
      held.filter((at) => !expired.includes(at)),
    );
    return { deleted: expired.length };
  }
}

export const fakeRetention = fakeWriterFor(RetentionWriter, () => new FakeRetentionStore());
