import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { CONTEXT_KEYS, DEFAULT_PG_ADMIN_URL, DEFAULT_REDIS_URL, REPO_ROOT, databaseUrl, musterEnv } from '../env';
import { databasesStartingWith, dropDatabase, quoteIdent, withPg } from '../postgres';
import { connectRedis } from '../redis';

const CLI_DIR = 'dist/libs/persistence/src/cli';
const STALE_AFTER_MS = 6 * 60 * 60 * 1000;
const RUN_NAME = /^muster_t_(\d+)_([0-9a-z]+)/;
const SET_UP = Symbol.for('muster.test.globalSetup');

/**
 * Once per jest run (integration and e2e): a migrated, seeded TEMPLATE database that test files clone with
 * `createTestDatabase()`, and the names the workers need, passed through process.env.
 */
export default async function globalSetup(): Promise<void> {
  const state = globalThis as { [SET_UP]?: boolean };
  if (state[SET_UP]) return;

  const migrate = requireCli('migrate');
  const seed = requireCli('seed');
  const pgAdminUrl = process.env['TEST_PG_URL'] ?? DEFAULT_PG_ADMIN_URL;
  const redisUrl = process.env['TEST_REDIS_URL'] ?? DEFAULT_REDIS_URL;
  const runId = `muster_t_${process.pid}_${Date.now().toString(36)}`;
  const templateDb = runId;

  const redis = await connectRedis(redisUrl);
  await redis.quit();

  await withPg(pgAdminUrl, async (client) => {
    await dropStaleRunDatabases(client);
    await client.query(`CREATE DATABASE ${quoteIdent(templateDb)}`);
  });

  try {
    const env = musterEnv({
      databaseUrl: databaseUrl(pgAdminUrl, templateDb),
      redisUrl,
      redisPrefix: `${runId}_setup`,
    });
    await runNode(migrate, env);
    await runNode(seed, env);
    await withPg(pgAdminUrl, (client) =>
      client.query(`ALTER DATABASE ${quoteIdent(templateDb)} WITH IS_TEMPLATE true`),
    );
  } catch (error) {
    await withPg(pgAdminUrl, (client) => dropDatabase(client, templateDb)).catch(() => undefined);
    throw error;
  }

  process.env[CONTEXT_KEYS.runId] = runId;
  process.env[CONTEXT_KEYS.templateDb] = templateDb;
  process.env[CONTEXT_KEYS.pgAdminUrl] = pgAdminUrl;
  process.env[CONTEXT_KEYS.redisUrl] = redisUrl;
  state[SET_UP] = true;
}

function requireCli(name: 'migrate' | 'seed'): string {
  const built = path.join(REPO_ROOT, CLI_DIR, `${name}.js`);
  if (existsSync(built)) return built;
  const source = path.join(REPO_ROOT, 'libs/persistence/src/cli', `${name}.ts`);
  const why = existsSync(source)
    ? `it has not been built: run \`npm run build\` first (\`npm test\` does it for you)`
    : `libs/persistence/src/cli/${name}.ts does not exist yet, so the ${name} CLI cannot be built`;
  throw new Error(`Integration and e2e tests need the built ${name} CLI at ${CLI_DIR}/${name}.js, but ${why}.`);
}

function runNode(script: string, env: NodeJS.ProcessEnv, timeoutMs = 120_000): Promise<void> {
  const label = path.relative(REPO_ROOT, script);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk: Buffer): void => {
      output = (output + chunk.toString('utf8')).slice(-20_000);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`could not run ${label}: ${error.message}`, { cause: error }));
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) {
        resolve();
        return;
      }
      const how = signal
        ? `was killed by ${signal}${signal === 'SIGKILL' ? ` (timeout ${timeoutMs} ms?)` : ''}`
        : `exited with ${String(code)}`;
      reject(new Error(`${label} ${how} while preparing the test template database. Its output:\n${output}`));
    });
  });
}

/** Databases of earlier runs that died before their teardown: old, and their jest process is gone. */
async function dropStaleRunDatabases(client: Parameters<typeof dropDatabase>[0]): Promise<void> {
  for (const name of await databasesStartingWith(client, 'muster_t_')) {
    const match = RUN_NAME.exec(name);
    if (!match?.[1] || !match[2]) continue;
    const startedAt = parseInt(match[2], 36);
    if (Date.now() - startedAt < STALE_AFTER_MS || isAlive(Number(match[1]))) continue;
    await dropDatabase(client, name).catch(() => undefined);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
