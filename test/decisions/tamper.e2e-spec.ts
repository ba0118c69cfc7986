import { Client } from 'pg';
import {
  createTestDatabase,
  http,
  mintToken,
  startApi,
  stopAll,
  uniqueRedisPrefix,
  type ApiHandle,
  type HttpClient,
  type TestDatabase,
} from '@muster/testing';
import { BIRMINGHAM, decisionBody } from '@muster/builders';

/**
 * Tampering with the stored decision log directly in PostgreSQL (as a superuser with triggers switched
 * off) is caught by `GET /decisions/verify`, which names the first entry that no longer links.
 * Each case works on its own cell, so the cases do not disturb one another.
 */

type Verdict =
  { valid: true; entries: number; head: string } | { valid: false; entries: number; firstBadSequence: number };

interface Logged {
  id: string;
  sequence: number;
  hash: string;
}

const CELLS = ['homelessness', 'food', 'ppe', 'shielding'] as const;
type CellSlug = (typeof CELLS)[number];

const decision = (title: string) => decisionBody(title, { authorities: [BIRMINGHAM] });

describe('a tampered decision log fails verification', () => {
  let db: TestDatabase;
  let api: ApiHandle;
  let regional: HttpClient;
  let mayor: HttpClient;
  /** Connected as the superuser. */
  let pg: Client;
  const logged = new Map<CellSlug, Logged[]>();

  const verify = async (cell: CellSlug, client: HttpClient = regional): Promise<Verdict> => {
    const response = await client.get(`/api/v1/cells/${cell}/decisions/verify`);
    expect(response.status).toBe(200);
    return response.body as Verdict;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startApi({ databaseUrl: db.url, redisPrefix: uniqueRedisPrefix() });
    regional = http(api.url, await mintToken({ roles: ['regional-coordinator'] }));
    mayor = regional.as(await mintToken({ roles: ['mayors-office'] }));
    pg = new Client({ connectionString: db.url });
    await pg.connect();

    // Five decisions in each cell; cells in parallel, each cell's chain in order.
    await Promise.all(
      CELLS.map(async (cell) => {
        const entries: Logged[] = [];
        for (let n = 1; n <= 5; n++) {
          const response = await regional.post(`/api/v1/cells/${cell}/decisions`, decision(`${cell} decision ${n}`));
          expect(response.status).toBe(201);
          entries.push(response.body as Logged);
        }
        logged.set(cell, entries);
      }),
    );
    for (const cell of CELLS) {
      expect(logged.get(cell)?.map((entry) => entry.sequence)).toEqual([1, 2, 3, 4, 5]);
      expect(await verify(cell)).toEqual({ valid: true, entries: 5, head: logged.get(cell)?.[4]?.hash });
    }
  });

  /** Runs SQL with this session's triggers (the append-only guard included) switched off. */
  const tamper = async (...statements: string[]): Promise<number[]> => {
    await pg.query('SET session_replication_role = replica');
    await pg.query('BEGIN');
    const counts: number[] = [];
    for (const statement of statements) counts.push((await pg.query(statement)).rowCount ?? 0);
    await pg.query('COMMIT');
    return counts;
  };

  afterAll(async () => {
    await pg?.end().catch(() => undefined);
    await stopAll();
    await db?.drop();
  });

  it('the append-only trigger refuses edits while triggers are on', async () => {
    await pg.query('SET session_replication_role = origin');
    await expect(
      pg.query(`UPDATE decision_log_entry SET body = body WHERE cell = 'homelessness' AND sequence = 1`),
    ).rejects.toThrow(/append-only/);
    await expect(
      pg.query(`DELETE FROM decision_log_entry WHERE cell = 'homelessness' AND sequence = 1`),
    ).rejects.toThrow(/append-only/);
    // Nothing changed.
    expect(await verify('homelessness')).toMatchObject({ valid: true, entries: 5 });
  });

  it('altered content of entry 3 → firstBadSequence 3', async () => {
    const counts = await tamper(
      `UPDATE decision_log_entry SET body = jsonb_set(body, '{record,title}', to_jsonb('A quietly different title'::text))
        WHERE cell = 'homelessness' AND sequence = 3`,
    );
    expect(counts).toEqual([1]);
    // The altered text is what the api now serves; only verification shows it is not what was recorded.
    const entry = await regional.get(
      `/api/v1/cells/homelessness/decisions/${logged.get('homelessness')?.[2]?.id ?? ''}`,
    );
    expect(entry.body).toMatchObject({ title: 'A quietly different title' });
    expect(await verify('homelessness')).toEqual({ valid: false, entries: 2, firstBadSequence: 3 });
    // Anyone who may see the cell gets the same verdict.
    expect(await verify('homelessness', mayor)).toMatchObject({ valid: false, firstBadSequence: 3 });
    // Each cell is its own chain: the others are untouched.
    expect(await verify('food')).toMatchObject({ valid: true, entries: 5 });
  });

  it('entry 3 deleted → firstBadSequence 3', async () => {
    expect(await tamper(`DELETE FROM decision_log_entry WHERE cell = 'food' AND sequence = 3`)).toEqual([1]);
    expect(await verify('food')).toEqual({ valid: false, entries: 2, firstBadSequence: 3 });
  });

  it('entries 2 and 3 swapped → firstBadSequence 2', async () => {
    const counts = await tamper(
      `UPDATE decision_log_entry SET sequence = 1000000 WHERE cell = 'ppe' AND sequence = 2`,
      `UPDATE decision_log_entry SET sequence = 2 WHERE cell = 'ppe' AND sequence = 3`,
      `UPDATE decision_log_entry SET sequence = 3 WHERE cell = 'ppe' AND sequence = 1000000`,
    );
    expect(counts).toEqual([1, 1, 1]);
    const order = await pg.query<{ id: string }>(
      `SELECT id FROM decision_log_entry WHERE cell = 'ppe' ORDER BY sequence`,
    );
    const ids = logged.get('ppe')?.map((entry) => entry.id) ?? [];
    expect(order.rows.map((row) => row.id)).toEqual([ids[0], ids[2], ids[1], ids[3], ids[4]]);
    expect(await verify('ppe')).toEqual({ valid: false, entries: 1, firstBadSequence: 2 });
  });

  it('the last entry deleted → firstBadSequence 5 (the recorded head still says 5)', async () => {
    expect(await tamper(`DELETE FROM decision_log_entry WHERE cell = 'shielding' AND sequence = 5`)).toEqual([1]);
    expect(await verify('shielding')).toEqual({ valid: false, entries: 4, firstBadSequence: 5 });
  });
});
