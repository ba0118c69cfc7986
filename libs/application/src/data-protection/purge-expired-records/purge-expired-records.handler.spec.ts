import { RetentionPolicy, RetentionRecordType } from '@muster/domain';
import { PurgeExpiredRecords } from './purge-expired-records.command';
import { PurgeExpiredRecordsHandler } from './purge-expired-records.handler';
import { FakeClock, FakeRetentionStore } from '@muster/doubles';

const NOW = new Date('2026-11-22T03:00:00.000Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 24 * 3600 * 1000);

function policy(recordType: RetentionRecordType, retainDays: number | null, legalHold = false): RetentionPolicy {
  return { recordType, retainDays, legalHold, reason: null, updatedBy: 'system', updatedAt: NOW.toISOString() };
}

function setUp(...policies: RetentionPolicy[]) {
  const store = new FakeRetentionStore();
  for (const p of policies) {
    store.policies.set(p.recordType, p);
    store.records.set(p.recordType, [daysAgo(1), daysAgo(10), daysAgo(40), daysAgo(400)]);
  }
  return { store, handler: new PurgeExpiredRecordsHandler(store, new FakeClock(NOW)) };
}

describe('PurgeExpiredRecordsHandler', () => {
  it('deletes only records older than their retention', async () => {
    const { store, handler } = setUp(policy('sitrep', 30));
    expect(await handler.execute(new PurgeExpiredRecords())).toEqual([
      { recordType: 'sitrep', deleted: 2, complete: true },
    ]);
    expect(store.records.get('sitrep')).toEqual([daysAgo(1), daysAgo(10)]);
  });

  it('deletes nothing of a type under legal hold, however old', async () => {
    const { store, handler } = setUp(policy('resolved-escalation', 1, true));
    expect(await handler.execute(new PurgeExpiredRecords())).toEqual([
      { recordType: 'resolved-escalation', skipped: 'legal-hold' },
    ]);
    expect(store.records.get('resolved-escalation')).toHaveLength(4);
  });

  it('keeps for good a type whose retention is null', async () => {
    const { store, handler } = setUp(policy('decided-request', null));
    expect(await handler.execute(new PurgeExpiredRecords())).toEqual([
      { recordType: 'decided-request', skipped: 'kept' },
    ]);
    expect(store.records.get('decided-request')).toHaveLength(4);
  });

  it('works in bounded batches and reports an unfinished backlog', async () => {
    const { store, handler } = setUp(policy('access-audit', 5));
    const batches: number[] = [];
    store.beforeBatch = () => batches.push(batches.length);
    expect(await handler.execute(new PurgeExpiredRecords(1, 1))).toEqual([
      { recordType: 'access-audit', deleted: 1, complete: false },
    ]);
    expect(await handler.execute(new PurgeExpiredRecords(1, 10))).toEqual([
      { recordType: 'access-audit', deleted: 2, complete: true },
    ]);
    expect(store.records.get('access-audit')).toEqual([daysAgo(1)]);
  });

  it('stops at the next batch when a legal hold is set during the purge', async () => {
    const { store, handler } = setUp(policy('idempotency-record', 2));
    let batches = 0;
    store.beforeBatch = () => {
      if (++batches === 2) store.policies.set('idempotency-record', policy('idempotency-record', 2, true));
    };
    expect(await handler.execute(new PurgeExpiredRecords(1, 10))).toEqual([
      { recordType: 'idempotency-record', deleted: 1, complete: false },
    ]);
    expect(store.records.get('idempotency-record')).toHaveLength(3);
  });

  it('purges each type by its own policy', async () => {
    const { handler } = setUp(policy('sitrep', 365), policy('access-audit', 30, true), policy('idempotency-record', 2));
    expect(await handler.execute(new PurgeExpiredRecords())).toEqual([
      { recordType: 'sitrep', deleted: 1, complete: true },
      { recordType: 'access-audit', skipped: 'legal-hold' },
      { recordType: 'idempotency-record', deleted: 3, complete: true },
    ]);
  });
});
