import { createHash, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { type FeedReaderClaims, type IdempotencyClaim, IdempotencyKeyTaken, type NewFeedToken } from '@muster/application';
import { createDataSource, FeedTokenRepository } from '@muster/persistence';
import { createTestDatabase, type TestDatabase } from '@muster/testing';

jest.setTimeout(30_000);

const hash = (key: string): Uint8Array => createHash('sha256').update(key).digest();
const AT = new Date('2026-11-20T10:00:00.000Z');
const later = (seconds: number) => new Date(AT.getTime() + seconds * 1000);
const mayor = (sub: string, overrides: Partial<FeedReaderClaims> = {}): FeedReaderClaims => ({
  sub,
  name: 'Alex Morgan',
  roles: ['mayors-office'],
  cells: [],
  clearance: 'OFFICIAL',
  ...overrides,
});
const token = (key: string, label = 'Phone'): NewFeedToken => ({ id: randomUUID(), keyHash: hash(key), label, createdAt: AT });

/** Private feed URLs on the real PostgreSQL: keys found by hash, owners' claims never overwritten by older ones. */
describe('feed token repository (PostgreSQL)', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let store: FeedTokenRepository;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = createDataSource({ url: db.url, poolSize: 4, applicationName: 'muster-feed-token-test' });
    await dataSource.initialize();
    store = new FeedTokenRepository(dataSource);
  });

  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await db?.drop();
  });

  it('keeps only the hash of a key, and finds the owner by it, marking it used', async () => {
    const made = token('key-one');
    expect(await store.create(mayor('m1'), AT, made, 10)).toBe('created');
    const rows: Array<{ key_hash: Buffer }> = await dataSource.query(`SELECT key_hash FROM feed_token WHERE id = $1`, [made.id]);
    expect(rows.map((r) => Buffer.from(r.key_hash).toString('hex'))).toEqual([Buffer.from(hash('key-one')).toString('hex')]);
    const everything = JSON.stringify(await dataSource.query(`SELECT * FROM feed_token`));
    expect(everything).not.toContain('key-one');

    expect(await store.ownerOf(hash('key-one'), later(60))).toEqual({ owner: mayor('m1'), claimsAt: AT });
    expect(await store.ownerOf(hash('no-such-key'), later(60))).toBeUndefined();
    expect((await store.list('m1')).map((t) => [t.id, t.label, t.lastUsedAt?.toISOString()])).toEqual([[made.id, 'Phone', later(60).toISOString()]]);
  });

  it('updates an owner’s claims from a sign-in or token at least as recent, never from an older one', async () => {
    await store.create(mayor('m2'), AT, token('key-two'), 10);
    await store.noteClaims(mayor('m2', { roles: ['cell-member'], cells: ['ppe'] }), later(-5));
    expect((await store.ownerOf(hash('key-two'), AT))?.owner.roles).toEqual(['mayors-office']);
    await store.noteClaims(mayor('m2', { roles: ['cell-member'], cells: ['ppe'] }), AT);
    expect(await store.ownerOf(hash('key-two'), AT)).toEqual({ owner: mayor('m2', { roles: ['cell-member'], cells: ['ppe'] }), claimsAt: AT });
    await store.noteClaims(mayor('m2', { clearance: 'OFFICIAL-SENSITIVE' }), later(10));
    expect(await store.ownerOf(hash('key-two'), AT)).toEqual({ owner: mayor('m2', { clearance: 'OFFICIAL-SENSITIVE' }), claimsAt: later(10) });
  });

  it('leaves no row for someone who holds no feed URL', async () => {
    await store.noteClaims(mayor('nobody'), AT);
    expect(await dataSource.query(`SELECT sub FROM feed_reader WHERE sub = 'nobody'`)).toEqual([]);
  });

  it('stops at the limit, even for requests made at the same moment', async () => {
    const outcomes = await Promise.all(Array.from({ length: 6 }, (_, i) => store.create(mayor('m3'), AT, token(`limit-${i}`), 4)));
    expect(outcomes.filter((o) => o === 'created')).toHaveLength(4);
    expect(outcomes.filter((o) => o === 'at-limit')).toHaveLength(2);
    expect(await store.list('m3')).toHaveLength(4);
  });

  it('revokes only the owner’s own token: another person’s id is not theirs to revoke', async () => {
    const mine = token('revoke-me');
    await store.create(mayor('m4'), AT, mine, 10);
    expect(await store.revoke('someone-else', mine.id)).toBe(false);
    expect(await store.ownerOf(hash('revoke-me'), AT)).toBeDefined();
    expect(await store.revoke('m4', mine.id)).toBe(true);
    expect(await store.ownerOf(hash('revoke-me'), AT)).toBeUndefined();
    expect(await store.revoke('m4', mine.id)).toBe(false);
  });

  it('records an idempotency claim with the id only, in the same transaction; a taken key writes no token', async () => {
    const claim = (): IdempotencyClaim => ({ principal: 'm5', key: 'same-key', requestHash: 'h', status: 201 });
    const first = token('idem-1');
    await store.create(mayor('m5'), AT, first, 10, claim());
    const stored: Array<{ body: unknown }> = await dataSource.query(`SELECT body FROM idempotency_record WHERE principal = 'm5' AND key = 'same-key'`);
    expect(stored.map((r) => r.body)).toEqual([{ id: first.id }]);
    await expect(store.create(mayor('m5'), AT, token('idem-2'), 10, claim())).rejects.toBeInstanceOf(IdempotencyKeyTaken);
    expect((await store.list('m5')).map((t) => t.id)).toEqual([first.id]);
  });
});
