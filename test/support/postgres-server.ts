import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmod, chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { REPO_ROOT, musterEnv, testContext } from './env';
import { freePort } from './processes/free-port';

/**
 * A PostgreSQL server of the test's own (initdb into a temporary folder, `postgres` on a free port), for
 * tests that stop the database: never stop the machine's shared PostgreSQL. Runs as the `postgres` user when
 * the tests run as root (PostgreSQL refuses root); only the postmaster's own pid is ever signalled, and it
 * dies with the test runner (setpriv --pdeathsig).
 */
export interface PostgresServer {
  readonly port: number;
  /** The migrated, seeded `muster` database on it, for DATABASE_URL. */
  readonly url: string;
  readonly pid: number | undefined;
  readonly running: boolean;
  /** Fast shutdown (SIGINT to the postmaster; SIGKILL after 10 s). */
  stop(): Promise<void>;
  /** Starts it again on the same port and data folder. */
  start(): Promise<void>;
  /** Stops it and removes its folder. */
  destroy(): Promise<void>;
}

export interface PostgresServerOptions {
  /** Default: the folder of `initdb` on PATH (e.g. /usr/lib/postgresql/15/bin). */
  binDir?: string;
}

const servers = new Set<PostgresServer>();

/** Destroys every server startPostgresServer made in this file; for `afterAll`. */
export async function stopPostgresServers(): Promise<void> {
  const all = [...servers];
  servers.clear();
  await Promise.all(all.map((server) => server.destroy()));
}

function binDirOf(): string {
  const found = spawnSync('sh', ['-c', 'readlink -f "$(command -v initdb)"'], { encoding: 'utf8' });
  const initdb = found.stdout.trim();
  if (found.status !== 0 || initdb === '')
    throw new Error('startPostgresServer: initdb is not on PATH (install postgresql)');
  return path.dirname(initdb);
}

function asPostgres(binary: string, args: string[]): [string, string[]] {
  const root = userInfo().uid === 0;
  const drop = root ? ['--reuid', 'postgres', '--regid', 'postgres', '--init-groups'] : [];
  return ['setpriv', [...drop, '--pdeathsig', 'SIGKILL', binary, ...args]];
}

function run(command: string, args: string[], env?: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: REPO_ROOT, env: env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk: Buffer): void => {
      output = (output + chunk.toString('utf8')).slice(-10_000);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve(output)
        : reject(new Error(`${command} ${args.join(' ')} exited with ${String(code)}:\n${output}`)),
    );
  });
}

async function answers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** initdb, start, create and migrate and seed `muster`; resolves once it answers. */
export async function startPostgresServer(opts: PostgresServerOptions = {}): Promise<PostgresServer> {
  const bin = opts.binDir ?? binDirOf();
  const dir = await mkdtemp(path.join(tmpdir(), 'muster-pg-'));
  await chmod(dir, 0o700);
  if (userInfo().uid === 0) {
    const ids = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    await chown(dir, Number(ids.stdout.trim()), Number(gid.stdout.trim()));
  }
  const data = path.join(dir, 'data');
  const [initCmd, initArgs] = asPostgres(path.join(bin, 'initdb'), [
    '-D',
    data,
    '-A',
    'trust',
    '-U',
    'postgres',
    '--no-sync',
    '-E',
    'UTF8',
  ]);
  await run(initCmd, initArgs);
  const port = await freePort();
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const url = `postgres://postgres@127.0.0.1:${port}/muster`;

  let child: ChildProcess | undefined;
  let exit: Promise<void> = Promise.resolve();
  let exited = true;

  const start = async (): Promise<void> => {
    if (!exited) return;
    const [cmd, args] = asPostgres(path.join(bin, 'postgres'), [
      '-D',
      data,
      '-p',
      String(port),
      '-k',
      dir,
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      '-c',
      'max_connections=200',
    ]);
    const proc = spawn(cmd, args, { cwd: dir, stdio: 'ignore' });
    child = proc;
    exited = false;
    exit = new Promise<void>((resolve) => {
      proc.once('exit', () => {
        exited = true;
        resolve();
      });
    });
    const started = Date.now();
    while (!(await answers(adminUrl))) {
      if (exited) throw new Error(`postgres on port ${port} exited at start`);
      if (Date.now() - started > 15_000) throw new Error(`postgres on port ${port} did not answer within 15 s`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  const stop = async (): Promise<void> => {
    if (exited || !child) return;
    child.kill('SIGINT');
    const timer = setTimeout(() => child?.kill('SIGKILL'), 10_000);
    await exit;
    clearTimeout(timer);
  };

  let destroying: Promise<void> | undefined;
  const server: PostgresServer = {
    port,
    url,
    get pid() {
      return child?.pid;
    },
    get running() {
      return !exited;
    },
    start,
    stop,
    destroy: () =>
      (destroying ??= (async () => {
        servers.delete(server);
        await stop();
        await rm(dir, { recursive: true, force: true });
      })()),
  };
  servers.add(server);
  try {
    await start();
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query('CREATE DATABASE muster');
    await admin.end();
    const env = musterEnv({
      databaseUrl: url,
      redisUrl: testContext().redisUrl,
      redisPrefix: `${testContext().runId}_pgsetup`,
    });
    await run(process.execPath, [path.join(REPO_ROOT, 'dist/libs/persistence/src/cli/migrate.js')], env);
    await run(process.execPath, [path.join(REPO_ROOT, 'dist/libs/persistence/src/cli/seed.js')], env);
  } catch (error) {
    await server.destroy();
    throw error;
  }
  return server;
}
