import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { EscalationWriter, type PlannedNotification } from '@muster/application';
import type { JournalRecord } from '@muster/contracts';
import { acknowledgeEscalation, raiseEscalation } from '@muster/domain';
import { NotificationScheduler, queuePrefix } from '@muster/messaging';
import { createDataSource, PostgresNotificationOutbox, RelayStore, TypeOrmUnitOfWork } from '@muster/persistence';
import { lead, officer, raiseInput, SLA } from '@muster/builders';
import { RequestsInFlight } from '@muster/doubles';
import {
  connectRedis,
  createTestDatabase,
  deleteRedisKeys,
  type TestDatabase,
  uniqueRedisPrefix,
} from '@muster/testing';

jest.setTimeout(30_000);

const NOW = new Date('2026-12-04T09:00:00.000Z');
const later = (ms: number) => new Date(NOW.getTime() + ms);

/** The outbox on the real PostgreSQL, fed by the relay's positions, and queued on a real Redis. */
describe('notification outbox (PostgreSQL, BullMQ)', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let uow: TypeOrmUnitOfWork;
  let relay: RelayStore;
  let outbox: PostgresNotificationOutbox;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = createDataSource({ url: db.url, poolSize: 6, applicationName: 'muster-outbox-test' });
    await dataSource.initialize();
    uow = new TypeOrmUnitOfWork(dataSource, new RequestsInFlight());
    relay = new RelayStore(dataSource);
    outbox = new PostgresNotificationOutbox(dataSource);
  });

  afterAll(async () => {
    if (dataSource.isInitialized) await dataSource.destroy();
    await db.drop();
  });

  const raiser = officer({ sub: 'officer-jas', name: 'Jas Kaur' });
  const cellLead = lead({ sub: 'lead-priya', name: 'Priya Shah' });

  /** Raises an escalation, acknowledges it as the cell's lead, and sequences both events as the relay would. */
  async function raiseAndAcknowledge(): Promise<JournalRecord[]> {
    const raised = raiseEscalation({ ...raiseInput(), by: raiser, at: NOW, sla: SLA, id: randomUUID() });
    await uow.run(async (tx) => {
      await tx.get(EscalationWriter).insert(raised.state);
      await tx.journal.append(raised.events, raiser.sub);
    });
    const acked = acknowledgeEscalation({ by: cellLead, at: later(1_000) }, raised.state);
    await uow.run(async (tx) => {
      await tx.get(EscalationWriter).update(acked.state, raised.state.version);
      await tx.journal.append(acked.events, cellLead.sub);
    });
    const records = await relay.sequenceNext(100);
    const last = records.at(-1);
    if (last !== undefined) await relay.markPublished(last.seq);
    return records;
  }

  const planFor = (event: JournalRecord, keys: string[]): PlannedNotification[] =>
    keys.map((key) => ({
      eventSeq: event.seq,
      eventType: event.type,
      subject: { kind: 'escalation', id: String(event.data.id) },
      recipientKey: key,
      recipientName: `Name of ${key}`,
      channel: 'email',
      reason: 'holder',
    }));

  it('reads each event with its actor and its escalation raiser, and leaves out events already planned', async () => {
    const [raised, acked] = await raiseAndAcknowledge();
    if (raised === undefined || acked === undefined) throw new Error('two events expected');
    const notifiable = await outbox.notifiable([raised, acked]);
    expect(notifiable.map((e) => [e.type, e.actor, e.raisedBy])).toEqual([
      ['escalation.raised', raiser.sub, raiser.sub],
      ['escalation.acknowledged', cellLead.sub, raiser.sub],
    ]);
    await outbox.record([raised.seq], planFor(raised, ['ppe-lead']));
    expect((await outbox.notifiable([raised, acked])).map((e) => e.seq)).toEqual([acked.seq]);
  });

  it('plans a repeated batch nothing twice, even when the repeats run at once, and returns what is owed', async () => {
    const [raised] = await raiseAndAcknowledge();
    if (raised === undefined) throw new Error('an event expected');
    const rows = planFor(raised, ['ppe-lead', 'officer-jas']);
    const first = await outbox.record([raised.seq], rows);
    const repeats = await Promise.all([1, 2, 3].map(() => outbox.record([raised.seq], rows)));
    expect(first).toHaveLength(2);
    for (const repeat of repeats) expect(repeat.map((r) => r.id).sort()).toEqual(first.map((r) => r.id).sort());
    const stored: Array<{ count: string }> = await dataSource.query(
      `SELECT count(*) FROM notification WHERE event_seq = $1`,
      [raised.seq],
    );
    expect(Number(stored[0]?.count)).toBe(2);
  });

  it('lets one claim of a row win, holds it for its lease, and gives it back to a later claim after a crash', async () => {
    const [raised] = await raiseAndAcknowledge();
    if (raised === undefined) throw new Error('an event expected');
    const [owed] = await outbox.record([raised.seq], planFor(raised, ['ppe-lead']));
    if (owed === undefined) throw new Error('a row expected');
    // A moment after the row was planned (by PostgreSQL's clock, which may run a few ms ahead of this one).
    const now = new Date(Date.now() + 1_000);
    const lease = new Date(now.getTime() + 30_000);
    const claims = await Promise.all([1, 2, 3, 4].map(() => outbox.claim(owed.id, now, lease)));
    expect(claims.filter((c) => c.claimed)).toHaveLength(1);
    expect(claims.filter((c) => !c.claimed)).toEqual(
      Array.from({ length: 3 }, () => ({ claimed: false, reason: 'early', dueAt: lease.toISOString() })),
    );
    expect(await outbox.owed(now, 1_000)).not.toContainEqual(expect.objectContaining({ id: owed.id }));
    // The worker died mid-send: once the lease has run out the row is owed again, and a new claim is attempt 2.
    expect(await outbox.owed(lease, 1_000)).toContainEqual({ id: owed.id, dueAt: lease.toISOString() });
    const again = await outbox.claim(owed.id, lease, new Date(lease.getTime() + 30_000));
    expect(again).toMatchObject({ claimed: true, notification: { attempts: 2, status: 'sending' } });
    await outbox.markSent(owed.id, { reference: '<id@muster>', status: '250 2.0.0 accepted' }, lease);
    expect(await outbox.claim(owed.id, later(1e9), later(1e9))).toEqual({ claimed: false, reason: 'settled' });
    expect(await outbox.markCancelled(owed.id, 'too late')).toBe(false);
    expect(await outbox.byId(owed.id)).toMatchObject({
      status: 'sent',
      providerReference: '<id@muster>',
      providerStatus: '250 2.0.0 accepted',
      lastError: null,
    });
  });

  it('lists what was sent about an escalation, oldest first, with its outcome', async () => {
    const [raised, acked] = await raiseAndAcknowledge();
    if (raised === undefined || acked === undefined) throw new Error('two events expected');
    const [a] = await outbox.record([raised.seq], planFor(raised, ['ppe-lead']));
    await outbox.record([acked.seq], planFor(acked, ['officer-jas']));
    if (a === undefined) throw new Error('a row expected');
    await outbox.markFailed(a.id, '550 no such mailbox');
    const told = await outbox.about('escalation', String(raised.data.id));
    expect(told.map((n) => [n.eventType, n.recipientKey, n.status, n.lastError])).toEqual([
      ['escalation.raised', 'ppe-lead', 'failed', '550 no such mailbox'],
      ['escalation.acknowledged', 'officer-jas', 'pending', null],
    ]);
  });

  describe('queueing (BullMQ on Redis)', () => {
    let prefix: string;
    let redis: Redis;
    let queue: Queue<{ notificationId: string }>;

    beforeAll(async () => {
      prefix = uniqueRedisPrefix();
      redis = await connectRedis();
      queue = new Queue<{ notificationId: string }>('notifications', {
        connection: redis,
        prefix: queuePrefix(prefix),
      });
    });

    afterAll(async () => {
      await queue.close();
      await redis.quit();
      await deleteRedisKeys(`{${prefix}`);
    });

    it('queues each owed row once, and queues again every row Redis lost (reconciliation)', async () => {
      const [raised] = await raiseAndAcknowledge();
      if (raised === undefined) throw new Error('an event expected');
      const owedRows = await outbox.record([raised.seq], planFor(raised, ['a', 'b', 'c']));
      const scheduler = new NotificationScheduler(queue);
      await scheduler.enqueue(owedRows);
      await scheduler.enqueue(owedRows);
      const ids = async () => (await queue.getJobs(['waiting', 'delayed'])).map((job) => job.id).sort();
      expect(await ids()).toEqual(owedRows.map((r) => r.id).sort());

      // Redis loses everything under the prefix (as FLUSHALL would); PostgreSQL still owes the rows.
      await deleteRedisKeys(`{${prefix}`);
      expect(await ids()).toEqual([]);
      const owed = await outbox.owed(new Date(), 10_000);
      await scheduler.enqueue(owed);
      await scheduler.enqueue(owed);
      expect(await ids()).toEqual(expect.arrayContaining(owedRows.map((r) => r.id)));
      expect(new Set(await ids()).size).toBe((await ids()).length);
    });
  });
});
