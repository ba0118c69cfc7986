import { Client } from 'pg';
import { connectRedis, createTestDatabase, deleteRedisKeys, mintToken, uniqueRedisPrefix, waitFor, testContext } from '@muster/testing';
import { jwtVerify } from 'jose';
import { TEST_JWT_SECRET } from '@muster/testing';

describe('test harness', () => {
  it('clones the template database', async () => {
    const db = await createTestDatabase();
    const client = new Client({ connectionString: db.url });
    await client.connect();
    const tables = await client.query<{ n: string }>("select count(*)::text as n from information_schema.tables where table_schema='public'");
    await client.end();
    console.log('tables in clone', tables.rows[0]?.n, db.name, testContext());
    expect(Number(tables.rows[0]?.n)).toBeGreaterThan(0);
    await db.drop();
  });
  it('prefixes and deletes redis keys', async () => {
    const prefix = uniqueRedisPrefix();
    const redis = await connectRedis();
    await redis.set(`${prefix}:a`, '1');
    await redis.set(`${prefix}:b`, '1');
    await redis.quit();
    expect(await deleteRedisKeys(prefix)).toBe(2);
  });
  it('mints tokens', async () => {
    const token = await mintToken({ roles: ['cell-lead'], cells: ['ppe'], clearance: 'OFFICIAL-SENSITIVE' });
    const { payload } = await jwtVerify(token, new TextEncoder().encode(TEST_JWT_SECRET), { audience: 'muster' });
    expect(payload['roles']).toEqual(['cell-lead']);
    expect(payload.sub).toMatch(/^test-/);
  });
  it('waitFor times out descriptively', async () => {
    let n = 0;
    await expect(waitFor(() => (++n > 3 ? 'x' : undefined), { description: 'n', intervalMs: 5 })).resolves.toBe('x');
    await expect(waitFor(() => false, { description: 'never', timeoutMs: 100 })).rejects.toThrow(/waiting for never/);
  });
  it('leaves a clone for the teardown', async () => {
    await createTestDatabase();
    const redis = await connectRedis();
    await redis.set(`${uniqueRedisPrefix()}:left`, '1');
    await redis.quit();
  });
});
