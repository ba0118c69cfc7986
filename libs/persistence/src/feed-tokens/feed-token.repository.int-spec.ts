import { createHash, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  type FeedReaderClaims,
  FeedTokenWriter,
  type IdempotencyClaim,
  IdempotencyKeyTaken,
} from '@muster/application';
import { createFeedToken, MAX_FEED_TOKENS, principal } from '@muster/domain';
import { createDataSource, FeedTokenRepository, TypeOrmUnitOfWork } from '@muster/persistence';
import { RequestsInFlight } from '@muster/doubles';
import { createTestDatabase, type TestDatabase } from '@muster/testing';
import { outcomeOf } from '@muster/builders';

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

/** Private feed URLs on the real PostgreSQL: keys found by hash, owners' claims never overwritten by older ones. */
describe('feed token repository and writer (PostgreSQL)', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let store: FeedTokenRepository;
  let requests: RequestsInFlight;
  let uow: TypeOrmUnitOfWork;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = createDataSource({ url: db.url, poolSize: 4, applicationName: 'muster-feed-token-test' });
    await dataSource.initialize();
    store = new FeedTokenRepository(dataSource);
    requests = new RequestsInFlight();
    uow = new TypeOrmUnitOfWork(dataSource, requests);
  });

  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await db?.drop();
  });

  /** What CreateFeedTokenHandler does in one request: the owner locked and counted, the rule, the token; its id. */
  function create(owner: FeedReaderClaims, key: string, claim?: IdempotencyClaim): Promise<string> {
    return requests.run({}, async () => {
      if (claim !== undefined) requests.claim(claim);
      const { id } = await uow.run(async (tx) => {
        const tokens = tx.get(FeedTokenWriter);
        const held = await tokens.lockOwner(owner, AT);
        const { state } = createFeedToken(
          { by: principal(owner), at: AT, id: randomUUID(), keyHash: hash(key), label: 'Phone' },
          held,
        );
        await tokens.insert(owner.sub, state);
        return { id: state.id };
      });
      return id;
    });
  }

  it('keeps only the hash of a key, and finds the owner by it, marking it used', async () => {
    const made = { id: await create(mayor('m1'), 'key-one') };
    const rows: Array<{ key_hash: Buffer }> = await dataSource.query(`SELECT key_hash FROM feed_token WHERE id = $1`, [
      made.id,
    ]);
    expect(rows.map((r) => Buffer.from(r.key_hash).toString('hex'))).toEqual([
      Buffer.from(hash('key-one')).toString('hex'),
    ]);
    const everything = JSON.stringify(await dataSource.query(`SELECT * FROM feed_token`));
    expect(everything).not.toContain('key-one');

    expect(await store.ownerOf(hash('key-one'), later(60))).toEqual({ owner: mayor('m1'), claimsAt: AT });
    expect(await store.ownerOf(hash('no-such-key'), later(60))).toBeUndefined();
    expect((await store.list('m1')).map((t) => [t.id, t.label, t.lastUsedAt?.toISOString()])).toEqual([
      [made.id, 'Phone', later(60).toISOString()],
    ]);
  });

  it('updates an owner’s claims from a sign-in or token at least as recent, never from an older one', async () => {
    await create(mayor('m2'), 'key-two');
    await store.noteClaims(mayor('m2', { roles: ['cell-member'], cells: ['ppe'] }), later(-5));
    expect((await store.ownerOf(hash('key-two'), AT))?.owner.roles).toEqual(['mayors-office']);
    await store.noteClaims(mayor('m2', { roles: ['cell-member'], cells: ['ppe'] }), AT);
    expect(await store.ownerOf(hash('key-two'), AT)).toEqual({
      owner: mayor('m2', { roles: ['cell-member'], cells: ['ppe'] }),
      claimsAt: AT,
    });
    await store.noteClaims(mayor('m2', { clearance: 'OFFICIAL-SENSITIVE' }), later(10));
    expect(await store.ownerOf(hash('key-two'), AT)).toEqual({
      owner: mayor('m2', { clearance: 'OFFICIAL-SENSITIVE' }),
      claimsAt: later(10),
    });
  });

  it('leaves no row for someone who holds no feed URL', async () => {
    await store.noteClaims(mayor('nobody'), AT);
    expect(await dataSource.query(`SELECT sub FROM feed_reader WHERE sub = 'nobody'`)).toEqual([]);
  });

  it('stops at the limit, even for requests made at the same moment', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: MAX_FEED_TOKENS + 2 }, (_, i) => outcomeOf(create(mayor('m3'), `limit-${i}`))),
    );
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(MAX_FEED_TOKENS);
    expect(outcomes.filter((o) => o === 'rule-violated')).toHaveLength(2);
    expect(await store.list('m3')).toHaveLength(MAX_FEED_TOKENS);
  });

  it('writes nothing for a refused creation: no token and no feed reader', async () => {
    expect(await outcomeOf(create(mayor('m6', { roles: ['cell-member'], cells: ['ppe'] }), 'refused'))).toBe(
      'forbidden',
    );
    expect(
      await dataSource.query(
        `SELECT sub FROM feed_reader WHERE sub = 'm6' UNION ALL SELECT sub FROM feed_token WHERE sub = 'm6'`,
      ),
    ).toEqual([]);
  });

  it('revokes only the owner’s own token: another person’s id is not theirs to revoke', async () => {
    const mine = { id: await create(mayor('m4'), 'revoke-me') };
    expect(await store.revoke('someone-else', mine.id)).toBe(false);
    expect(await store.ownerOf(hash('revoke-me'), AT)).toBeDefined();
    expect(await store.revoke('m4', mine.id)).toBe(true);
    expect(await store.ownerOf(hash('revoke-me'), AT)).toBeUndefined();
    expect(await store.revoke('m4', mine.id)).toBe(false);
  });

  it('records an idempotency claim with the id only, in the same transaction; a taken key writes no token', async () => {
    const claim = (): IdempotencyClaim => ({ principal: 'm5', key: 'same-key', requestHash: 'h', status: 201 });
    const first = { id: await create(mayor('m5'), 'idem-1', claim()) };
    const stored: Array<{ body: unknown }> = await dataSource.query(
      `SELECT body FROM idempotency_record WHERE principal = 'm5' AND key = 'same-key'`,
    );
    expect(stored.map((r) => r.body)).toEqual([{ id: first.id }]);
    await expect(create(mayor('m5'), 'idem-2', claim())).rejects.toBeInstanceOf(IdempotencyKeyTaken);
    expect((await store.list('m5')).map((t) => t.id)).toEqual([first.id]);
  });
});
