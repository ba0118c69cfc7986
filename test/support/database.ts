import { randomBytes } from 'node:crypto';
import type { Client } from 'pg';
import { databaseUrl, testContext } from './env';
import { dropDatabase, quoteIdent, withPg } from './postgres';

export interface TestDatabase {
  name: string;
  /** Connection URL for DATABASE_URL. */
  url: string;
  /** Drops it now (the global teardown drops any that are left). */
  drop(): Promise<void>;
}

const OBJECT_IN_USE = '55006';

/**
 * A fresh database cloned from the run's migrated and seeded template: one per test file (or per test when
 * isolation matters). Cloning takes tens of milliseconds. With `from`, a copy of that test database as it
 * stands instead (a backup; nothing may be connected to it while it is copied).
 */
export async function createTestDatabase(opts: { from?: TestDatabase } = {}): Promise<TestDatabase> {
  const { templateDb, pgAdminUrl } = testContext();
  // Names start with the template's so the teardown finds every database this run made.
  const name = `${templateDb}_${process.pid.toString(36)}${randomBytes(3).toString('hex')}`;
  await withPg(pgAdminUrl, (client) => copyDatabase(client, opts.from?.name ?? templateDb, name));
  let dropped = false;
  return {
    name,
    url: databaseUrl(pgAdminUrl, name),
    async drop() {
      if (dropped) return;
      dropped = true;
      await withPg(pgAdminUrl, (client) => dropDatabase(client, name));
    },
  };
}

/**
 * Restores `backup` over `target` in place, as an operator restoring a backup would: `target`'s sessions are
 * cut, and it comes back under the same name (and URL) holding what `backup` holds.
 */
export async function restoreTestDatabase(target: TestDatabase, backup: TestDatabase): Promise<void> {
  const { pgAdminUrl } = testContext();
  await withPg(pgAdminUrl, async (client) => {
    await dropDatabase(client, target.name);
    await copyDatabase(client, backup.name, target.name);
  });
}

async function copyDatabase(client: Client, source: string, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await client.query(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(source)}`);
      return;
    } catch (error) {
      // Another clone of the template in flight holds it briefly; retry rather than fail the file.
      const code = (error as { code?: unknown }).code;
      if (code !== OBJECT_IN_USE || attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}
