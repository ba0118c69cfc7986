import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { NewConsoleSession, StoredConsoleSession } from '@muster/application';
import { ConsoleSessionRepository, createDataSource } from '@muster/persistence';
import { createTestDatabase, type TestDatabase } from '@muster/testing';

jest.setTimeout(30_000);

const hash = (text: string): Uint8Array => createHash('sha256').update(text).digest();
const NOW = new Date('2026-11-20T10:00:00.000Z');
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

function session(id: string, overrides: Partial<NewConsoleSession> = {}): NewConsoleSession {
  return {
    idHash: hash(id),
    sub: 'dev-cell-lead',
    sidHash: hash(`sid-of-${id}`),
    sealed: randomBytes(64),
    accessExpiresAt: later(5),
    endsAt: later(60),
    ...overrides,
  };
}

/** Console sessions on the real PostgreSQL: found by the hash of their id, renewed one at a time, ended. */
describe('console session repository (PostgreSQL)', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let sessions: ConsoleSessionRepository;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = createDataSource({ url: db.url, poolSize: 4, applicationName: 'muster-console-session-test' });
    await dataSource.initialize();
    sessions = new ConsoleSessionRepository(dataSource);
  });

  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await db?.drop();
  });

  it('stores only hashes of the session and provider ids, and finds a session until its end', async () => {
    const stored = session('alpha');
    await sessions.create(stored);
    expect(await sessions.find(hash('alpha'), NOW)).toEqual({
      sub: stored.sub,
      sealed: new Uint8Array(stored.sealed),
      accessExpiresAt: stored.accessExpiresAt,
      endsAt: stored.endsAt,
    });
    expect(await sessions.find(hash('alpha'), later(60))).toBeUndefined();
    expect(await sessions.find(hash('nobody'), NOW)).toBeUndefined();
    const [row] = await dataSource.query<
      Array<{
        id_hash: Buffer;
        sid_hash: Buffer;
      }>
    >(`SELECT id_hash, sid_hash FROM console_session WHERE sub = $1`, [stored.sub]);
    expect(row?.id_hash.equals(Buffer.from(hash('alpha')))).toBe(true);
    expect(row?.sid_hash.equals(Buffer.from(hash('sid-of-alpha')))).toBe(true);
  });

  it('renews one caller at a time: a second renewal waits and sees the first one’s result', async () => {
    await sessions.create(session('beta'));
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked: () => void = () => undefined;
    const holding = new Promise<void>((resolve) => (locked = resolve));
    const seen: Date[] = [];
    const first = sessions.renew(hash('beta'), NOW, async (current) => {
      seen.push(current.accessExpiresAt);
      locked();
      await held;
      return { sealed: new Uint8Array([1, 2, 3]), accessExpiresAt: later(30) };
    });
    // Sent once the first holds the row: it can only run after the first commits.
    await holding;
    const second = sessions.renew(hash('beta'), NOW, (current) => {
      seen.push(current.accessExpiresAt);
      return Promise.resolve('keep' as const);
    });
    await waitForLockWaiter(dataSource);
    release();
    const [renewed, kept] = await Promise.all([first, second]);
    expect(seen).toEqual([later(5), later(30)]);
    expect(renewed).toMatchObject<Partial<StoredConsoleSession>>({
      sealed: new Uint8Array([1, 2, 3]),
      accessExpiresAt: later(30),
    });
    expect(kept).toEqual(renewed);
  });

  it('ends a session when its renewal says so, and on sign-out', async () => {
    await sessions.create(session('gamma'));
    await sessions.create(session('delta'));
    expect(await sessions.renew(hash('gamma'), NOW, () => Promise.resolve('end' as const))).toBeUndefined();
    expect(await sessions.find(hash('gamma'), NOW)).toBeUndefined();
    await sessions.end(hash('delta'));
    expect(await sessions.find(hash('delta'), NOW)).toBeUndefined();
    expect(await sessions.renew(hash('delta'), NOW, () => Promise.resolve('keep' as const))).toBeUndefined();
  });

  it('ends the sessions of one provider session, or all of a person’s, for a back-channel logout', async () => {
    await sessions.create(session('p1', { sub: 'person-1', sidHash: hash('sid-1') }));
    await sessions.create(session('p2', { sub: 'person-1', sidHash: hash('sid-1') }));
    await sessions.create(session('p3', { sub: 'person-1', sidHash: hash('sid-2') }));
    await sessions.create(session('q1', { sub: 'person-2', sidHash: hash('sid-1') }));
    expect(await sessions.endProviderSessions({ sub: 'person-1', sidHash: hash('sid-1') })).toBe(2);
    expect(await sessions.find(hash('p3'), NOW)).toBeDefined();
    expect(await sessions.find(hash('q1'), NOW)).toBeDefined();
    expect(await sessions.endProviderSessions({ sub: 'person-1' })).toBe(1);
    expect(await sessions.endProviderSessions({ sidHash: hash('sid-1') })).toBe(1);
    expect(await sessions.endProviderSessions({})).toBe(0);
    expect(await sessions.find(hash('q1'), NOW)).toBeUndefined();
  });

  it('purges sessions past their end, and only those', async () => {
    await sessions.create(session('old', { endsAt: later(-1) }));
    await sessions.create(session('current', { endsAt: later(10) }));
    expect(await sessions.purgeEnded(NOW)).toBeGreaterThanOrEqual(1);
    const left: Array<{ n: number }> = await dataSource.query(
      `SELECT count(*)::int AS n FROM console_session WHERE ends_at <= $1`,
      [NOW],
    );
    expect(left[0]?.n).toBe(0);
    expect(await sessions.find(hash('current'), NOW)).toBeDefined();
  });
});

/** Until another connection waits on a row lock (the second renewal). */
async function waitForLockWaiter(dataSource: DataSource): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    const rows: Array<{ n: number }> = await dataSource.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    if ((rows[0]?.n ?? 0) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the second renewal never waited on the lock');
}
