import pg from 'pg';

export const DEFAULT_PG_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

const SAFE_NAME = /^muster_bench_[a-z0-9_]+$/;

function assertBenchName(name) {
  if (!SAFE_NAME.test(name))
    throw new Error(`refusing to touch database "${name}": bench databases are muster_bench_*`);
}

async function withAdmin(adminUrl, fn) {
  const client = new pg.Client({
    connectionString: adminUrl,
    connectionTimeoutMillis: 10_000,
    statement_timeout: 60_000,
  });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Creates an empty database for one benchmark run; returns its URL. */
export async function createBenchDatabase(adminUrl, name) {
  assertBenchName(name);
  await withAdmin(adminUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops a benchmark database, closing whatever is still connected to it (only that database). */
export async function dropBenchDatabase(adminUrl, name) {
  assertBenchName(name);
  await withAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

export async function serverVersion(adminUrl) {
  return withAdmin(adminUrl, async (client) => (await client.query('SHOW server_version')).rows[0].server_version);
}
