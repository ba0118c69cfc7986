import { Client } from 'pg';

/** Database names here are generated (letters, digits, `_`), but quote them anyway. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export async function withPg<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL at ${redactUrl(url)} is not answering (${errorMessage(error)}). ` +
        'Start it with `node scripts/services.mjs` or `docker compose -f docker/compose.yml up -d postgres redis`.',
      { cause: error },
    );
  }
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Drops a database even if sessions are still connected (PostgreSQL 13+). */
export async function dropDatabase(client: Client, name: string): Promise<void> {
  await client.query(`ALTER DATABASE ${quoteIdent(name)} WITH IS_TEMPLATE false`).catch(() => undefined);
  await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
}

/** Names of databases that start with `prefix`. */
export async function databasesStartingWith(client: Client, prefix: string): Promise<string[]> {
  const result = await client.query<{ datname: string }>(
    'SELECT datname FROM pg_database WHERE left(datname, length($1)) = $1 ORDER BY datname',
    [prefix],
  );
  return result.rows.map((row) => row.datname);
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<unparseable url>';
  }
}

export function errorMessage(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) {
    return error.errors.map(errorMessage).join('; ');
  }
  return error instanceof Error ? error.message || error.name : String(error);
}
