import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { PurgeExpiredRecords, PurgeExpiredRecordsHandler, PurgeOutcome, SystemClock } from '@muster/application';
import {
  AccessAuditLogReader,
  AccessAuditRepository,
  createDataSource,
  RetentionRepository,
} from '@muster/persistence';
import { createTestDatabase, type TestDatabase } from '@muster/testing';
import { BIRMINGHAM, person } from '@muster/builders';

/**
 * Retention on the real PostgreSQL: the purge deletes exactly the rows past their type's retention, nothing
 * of a type under legal hold or kept for good, never a row a foreign key still needs, and never the
 * decision log or the journal.
 */
jest.setTimeout(30_000);

const DAY = 24 * 3600 * 1000;
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();
const hash = (n: number) => String(n).padStart(64, '0');
const actor = JSON.stringify({ sub: 'u', name: 'U' });

describe('retention purge (PostgreSQL)', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let store: RetentionRepository;
  let purge: () => Promise<PurgeOutcome[]>;
  const count = async (sql: string) => Number((await dataSource.query<Array<{ n: string }>>(sql))[0]?.n);

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = createDataSource({ url: db.url, poolSize: 4, applicationName: 'muster-retention-test' });
    await dataSource.initialize();
    store = new RetentionRepository(dataSource);
    const handler = new PurgeExpiredRecordsHandler(store, new SystemClock());
    purge = () => handler.execute(new PurgeExpiredRecords(2, 100));
  });

  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await db?.drop();
  });

  async function setPolicy(recordType: string, retainDays: number | null, legalHold = false) {
    await dataSource.query(`UPDATE retention_policy SET retain_days = $2, legal_hold = $3 WHERE record_type = $1`, [
      recordType,
      retainDays,
      legalHold,
    ]);
  }

  async function sitrep(date: string, version: number, submittedDaysAgo: number) {
    await dataSource.query(
      `INSERT INTO sitrep (cell, authority, date, version, figures, submitted_by, submitted_at) VALUES ('ppe', $1, $2, $3, '{}', $4, $5)`,
      [BIRMINGHAM, date, version, actor, ago(submittedDaysAgo)],
    );
  }

  async function request(status: 'open' | 'decided', decidedDaysAgo: number | null): Promise<string> {
    const id = randomUUID();
    await dataSource.query(
      `INSERT INTO decision_request (id, cell, question, due_at, marking, status, requested_by, requested_at, decided_at, version)
       VALUES ($1, 'ppe', 'q', $2, 'OFFICIAL', $3, $4, $2, $5, 1)`,
      [id, ago(500), status, actor, decidedDaysAgo === null ? null : ago(decidedDaysAgo)],
    );
    return id;
  }

  async function escalation(
    status: 'open' | 'resolved' | 'withdrawn',
    raisedDaysAgo: number,
    closedDaysAgo: number | null,
    requestId?: string,
  ): Promise<string> {
    const id = randomUUID();
    const history = [
      { step: 'raised', at: ago(raisedDaysAgo) },
      ...(closedDaysAgo === null ? [] : [{ step: status, at: ago(closedDaysAgo) }]),
    ];
    await dataSource.query(
      `INSERT INTO escalation (id, cell, title, detail, severity, marking, raised_by, raised_at, level, status, version, history, decision_request_id)
       VALUES ($1, 'ppe', 't', 'd', 'high', 'OFFICIAL', $2, $3, 'cell', $4, 1, $5, $6)`,
      [id, actor, ago(raisedDaysAgo), status, JSON.stringify(history), requestId ?? null],
    );
    return id;
  }

  it('deletes exactly the expired rows, holds what is held, keeps the evidence', async () => {
    // Evidence: an ancient decision log entry and journal row, which no policy may touch.
    await dataSource.query(
      `INSERT INTO decision_log_entry (id, cell, sequence, kind, marking, authorities, recorded_at, recorded_by, body, hash, prev_hash)
       VALUES ($1, 'ppe', 1, 'decision', 'OFFICIAL', '{}', $2, $3, '{}', $4, $5)`,
      [randomUUID(), ago(4000), actor, hash(1), hash(0)],
    );
    await dataSource.query(
      `INSERT INTO journal (event_id, type, occurred_at, cell, topics, marking, data, actor) VALUES ($1, 'decision.logged', $2, 'ppe', '{region}', 'OFFICIAL', '{}', 'u')`,
      [randomUUID(), ago(4000)],
    );
    const evidence = `SELECT (SELECT count(*) FROM decision_log_entry) + (SELECT count(*) FROM journal) AS n`;
    const evidenceBefore = await count(evidence);

    // Sitreps (retain 30): v1 superseded 40 days ago goes; v2 superseded 5 days ago stays; v3, the latest, stays.
    await sitrep('2026-01-01', 1, 50);
    await sitrep('2026-01-01', 2, 40);
    await sitrep('2026-01-01', 3, 5);
    await sitrep('2025-06-01', 1, 400); // the only version of its day: always kept
    await setPolicy('sitrep', 30);

    // Idempotency records (retain 2): 3 old, 1 fresh.
    for (const [i, days] of [3, 4, 10, 0].entries()) {
      await dataSource.query(
        `INSERT INTO idempotency_record (principal, key, request_hash, status, body, created_at) VALUES ('p', $1, $2, 201, '{}', $3)`,
        [`k${i}`, hash(i), ago(days)],
      );
    }

    // Access audit (retain 730) under legal hold: nothing goes, however old.
    const audit = new AccessAuditRepository(dataSource);
    const entry = {
      action: 'decision.read',
      itemType: 'decision',
      itemId: 'd',
      cell: 'ppe',
      marking: 'OFFICIAL-SENSITIVE',
    } as const;
    await audit.record(person('regional-coordinator', { sub: 'rc' }), [entry, entry]);
    await dataSource.query(`UPDATE access_audit SET at = $1`, [ago(1000)]);
    await setPolicy('access-audit', 730, true);

    // Escalations and requests (retain 90). The overdue request's escalation points at it (foreign key).
    const oldResolved = await escalation('resolved', 400, 200);
    const recentlyResolved = await escalation('resolved', 400, 10);
    const stillOpen = await escalation('open', 400, null);
    const oldDecided = await request('decided', 200);
    const recentlyDecided = await request('decided', 10);
    const open = await request('open', null);
    const referenced = await request('decided', 200);
    const referencing = await escalation('open', 300, null, referenced);
    await setPolicy('resolved-escalation', 90);
    await setPolicy('decided-request', 90);

    const outcomes = await purge();

    expect(outcomes).toEqual([
      { recordType: 'sitrep', deleted: 1, complete: true },
      { recordType: 'idempotency-record', deleted: 3, complete: true },
      { recordType: 'access-audit', skipped: 'legal-hold' },
      { recordType: 'resolved-escalation', deleted: 1, complete: true },
      { recordType: 'decided-request', deleted: 1, complete: true },
    ]);
    expect(
      await dataSource.query(`SELECT to_char(date, 'YYYY-MM-DD') AS date, version FROM sitrep ORDER BY date, version`),
    ).toEqual([
      { date: '2025-06-01', version: 1 },
      { date: '2026-01-01', version: 2 },
      { date: '2026-01-01', version: 3 },
    ]);
    expect(await dataSource.query(`SELECT key FROM idempotency_record ORDER BY key`)).toEqual([{ key: 'k3' }]);
    expect(await count(`SELECT count(*) AS n FROM access_audit`)).toBe(2);
    const escalations = (await dataSource.query<Array<{ id: string }>>(`SELECT id FROM escalation`))
      .map((r) => r.id)
      .sort();
    expect(escalations).toEqual([recentlyResolved, stillOpen, referencing].sort());
    expect(escalations).not.toContain(oldResolved);
    const requests = (await dataSource.query<Array<{ id: string }>>(`SELECT id FROM decision_request`))
      .map((r) => r.id)
      .sort();
    expect(requests).toEqual([recentlyDecided, open, referenced].sort());
    expect(requests).not.toContain(oldDecided);
    expect(await count(evidence)).toBe(evidenceBefore);

    // Lifting the hold lets the next run delete the expired audit rows; a second run finds nothing else.
    await setPolicy('access-audit', 730, false);
    expect(await purge()).toEqual([
      { recordType: 'sitrep', deleted: 0, complete: true },
      { recordType: 'idempotency-record', deleted: 0, complete: true },
      { recordType: 'access-audit', deleted: 2, complete: true },
      { recordType: 'resolved-escalation', deleted: 0, complete: true },
      { recordType: 'decided-request', deleted: 0, complete: true },
    ]);
  });

  let seq = 1_000;
  /** A notification Muster sent about an escalation: it names who was told, so it goes with the escalation. */
  async function notified(escalationId: string): Promise<void> {
    seq += 1;
    await dataSource.query(
      `INSERT INTO notification (id, event_seq, event_type, subject_kind, subject_id, recipient_key, recipient_name, channel, reason, status)
       VALUES ($1, $2, 'escalation.raised', 'escalation', $3, 'ppe-lead', 'Priya Shah', 'email', 'holder', 'sent')`,
      [randomUUID(), seq, escalationId],
    );
  }

  it('purges withdrawn escalations like resolved ones, aged from the withdrawal, with what was sent about them', async () => {
    await dataSource.query(`DELETE FROM escalation`);
    const oldWithdrawn = await escalation('withdrawn', 400, 200);
    const recentlyWithdrawn = await escalation('withdrawn', 400, 10);
    const oldResolved = await escalation('resolved', 400, 200);
    const stillOpen = await escalation('open', 400, null);
    for (const id of [oldWithdrawn, recentlyWithdrawn, oldResolved, stillOpen]) await notified(id);
    // Another kind of subject with the same id is not the escalation's and stays.
    seq += 1;
    await dataSource.query(
      `INSERT INTO notification (id, event_seq, event_type, subject_kind, subject_id, subject_cell, recipient_key, recipient_name, channel, reason)
       VALUES ($1, $2, 'action.overdue', 'action', $3, 'ppe', 'owner', 'Ola', 'email', 'owner')`,
      [randomUUID(), seq, oldWithdrawn],
    );
    await setPolicy('resolved-escalation', 90);

    expect((await purge()).find((o) => o.recordType === 'resolved-escalation')).toEqual({
      recordType: 'resolved-escalation',
      deleted: 2,
      complete: true,
    });
    const left = (await dataSource.query<Array<{ id: string }>>(`SELECT id FROM escalation`)).map((r) => r.id).sort();
    expect(left).toEqual([recentlyWithdrawn, stillOpen].sort());
    const told = await dataSource.query<Array<{ kind: string; id: string }>>(
      `SELECT subject_kind AS kind, subject_id AS id FROM notification ORDER BY subject_kind, subject_id`,
    );
    expect(told.map((r) => `${r.kind}:${r.id}`).sort()).toEqual(
      [`action:${oldWithdrawn}`, `escalation:${recentlyWithdrawn}`, `escalation:${stillOpen}`].sort(),
    );
  });

  it('keeps for good a type whose retention is null, and reads the audit back in order with its cursor', async () => {
    await setPolicy('resolved-escalation', null);
    const old = await escalation('resolved', 3000, 2900);
    expect((await purge()).find((o) => o.recordType === 'resolved-escalation')).toEqual({
      recordType: 'resolved-escalation',
      skipped: 'kept',
    });
    expect(await count(`SELECT count(*) AS n FROM escalation WHERE id = '${old}'`)).toBe(1);

    const audit = new AccessAuditRepository(dataSource);
    const reader = new AccessAuditLogReader(dataSource);
    const entry = {
      action: 'feed.read',
      itemType: 'escalation',
      itemId: 'e',
      cell: 'ppe',
      marking: 'OFFICIAL-SENSITIVE',
    } as const;
    await audit.record(person('regional-coordinator', { sub: 'a', name: 'Ann' }), [
      entry,
      { ...entry, itemId: 'f' },
      { ...entry, itemId: 'g' },
    ]);
    const range = { from: new Date(Date.now() - DAY), to: new Date(Date.now() + DAY) };
    const first = await reader.page(range, undefined, 2);
    const second = await reader.page(range, first.at(-1), 2);
    expect([...first, ...second].map((r) => [r.sub, r.name, r.itemId])).toEqual([
      ['a', 'Ann', 'e'],
      ['a', 'Ann', 'f'],
      ['a', 'Ann', 'g'],
    ]);
    expect(await reader.page({ ...range, sub: 'nobody' }, undefined, 10)).toEqual([]);
  });
});
