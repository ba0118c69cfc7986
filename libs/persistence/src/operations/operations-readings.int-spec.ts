import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createDataSource, RelayStore } from '@muster/persistence';
import { createTestDatabase, type TestDatabase } from '@muster/testing';
import { PostgresOperationsReadings, UNRESOLVED_ESCALATIONS } from './operations-readings';

jest.setTimeout(30_000);

describe('PostgresOperationsReadings', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let readings: PostgresOperationsReadings;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = createDataSource({ url: db.url, poolSize: 2, applicationName: 'operations-readings-test' });
    await dataSource.initialize();
    readings = new PostgresOperationsReadings(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  async function escalation(level: string, status: string, overdue = false): Promise<void> {
    await dataSource.query(
      `INSERT INTO escalation (id, cell, title, detail, severity, marking, raised_by, raised_at, level, status, overdue, version, history)
       VALUES ($1, 'ppe', 't', 'd', 'high', 'OFFICIAL', '{"sub":"s","name":"n"}', now(), $2, $3, $4, 1, '[]')`,
      [randomUUID(), level, status, overdue],
    );
  }

  async function journalRow(secondsAgo: number): Promise<void> {
    await dataSource.query(
      `INSERT INTO journal (event_id, type, occurred_at, topics, marking, data, actor)
       VALUES ($1, 'decision.logged', clock_timestamp() - make_interval(secs => $2), '{region}', 'OFFICIAL', '{}', 'test')`,
      [randomUUID(), secondsAgo],
    );
  }

  it('answers a ping', async () => {
    await expect(readings.ping()).resolves.toBeUndefined();
  });

  it('counts unresolved escalations by level and state, overdue apart from open, resolved not at all', async () => {
    await escalation('cell', 'open');
    await escalation('cell', 'open');
    await escalation('regional', 'acknowledged');
    await escalation('national', 'open', true);
    await escalation('cell', 'resolved');
    await escalation('national', 'resolved', true);
    const tallies = await readings.unresolvedEscalations();
    expect(tallies.sort((a, b) => `${a.level}${a.state}`.localeCompare(`${b.level}${b.state}`))).toEqual([
      { level: 'cell', state: 'open', count: 2 },
      { level: 'national', state: 'overdue', count: 1 },
      { level: 'regional', state: 'acknowledged', count: 1 },
    ]);
  });

  it('can count through the index of unresolved escalations, never walking resolved history', async () => {
    // A table this small is cheaper read whole; once scanning it costs, the partial index is the way in.
    const plan = await dataSource.transaction(async (manager) => {
      await manager.query('SET LOCAL enable_seqscan = off');
      const rows: Array<{ 'QUERY PLAN': string }> = await manager.query(`EXPLAIN ${UNRESOLVED_ESCALATIONS}`);
      return rows.map((row) => row['QUERY PLAN']).join('\n');
    });
    expect(plan).toMatch(/Index (Only )?Scan (using|on) escalation_unresolved/);
    expect(plan).not.toContain('Seq Scan');
  });

  it('gives the relay lag as the wait of the oldest committed event not yet published, 0 once caught up', async () => {
    const store = new RelayStore(dataSource);
    expect(await readings.relayLagSeconds()).toBe(0);

    await journalRow(30);
    await journalRow(5);
    const unsequenced = await readings.relayLagSeconds();
    expect(unsequenced).toBeGreaterThanOrEqual(30);
    expect(unsequenced).toBeLessThan(40);

    // Sequenced, not yet published: still owed.
    const sequenced = await store.sequenceNext(10);
    expect(sequenced).toHaveLength(2);
    expect(await readings.relayLagSeconds()).toBeGreaterThanOrEqual(30);

    // The first published: the second is owed.
    await store.markPublished(sequenced[0]?.seq ?? 0);
    const second = await readings.relayLagSeconds();
    expect(second).toBeGreaterThanOrEqual(5);
    expect(second).toBeLessThan(15);

    await store.markPublished(sequenced[1]?.seq ?? 0);
    expect(await readings.relayLagSeconds()).toBe(0);
  });
});
