#!/usr/bin/env node
// PostgreSQL and Redis for development and tests.
//
//   node scripts/services.mjs          make sure both answer (start project-local servers under .data/ if not)
//   node scripts/services.mjs stop     stop the project-local servers started here
//
// Used by scripts/start.mjs, scripts/test.mjs and .ci/run. Importing this module needs no dependencies;
// ensureDatabase() needs `pg` (node_modules).
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/muster';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
const DATA = path.join(ROOT, '.data');
const PG_DATA = path.join(DATA, 'postgres');
const REDIS_DIR = path.join(DATA, 'redis');
const DOCKER_HINT = 'docker compose -f docker/compose.yml up -d postgres redis';
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]', '']);

export class ServiceError extends Error {}

const defaultLog = (message) => console.log(`[services] ${message}`);

/** Makes sure PostgreSQL and Redis answer; starts project-local servers for local URLs when they do not. */
export async function ensureServices({
  databaseUrl = process.env.DATABASE_URL || DEFAULT_DATABASE_URL,
  redisUrl = process.env.REDIS_URL || DEFAULT_REDIS_URL,
  log = defaultLog,
} = {}) {
  const pg = new URL(databaseUrl);
  const redis = new URL(redisUrl);
  const pgPort = Number(pg.port || 5432);
  const redisPort = Number(redis.port || 6379);
  const problems = [];

  if (await postgresAnswers(pg.hostname, pgPort)) {
    log(`PostgreSQL answers on ${pg.hostname}:${pgPort}`);
  } else if (!LOCAL_HOSTS.has(pg.hostname)) {
    problems.push(`PostgreSQL at ${pg.hostname}:${pgPort} does not answer (not a local host: not starting one)`);
  } else {
    try {
      startPostgres(pgPort, pg.username || 'postgres', log);
      if (!(await postgresAnswers('127.0.0.1', pgPort))) throw new ServiceError('started, but does not answer');
    } catch (error) {
      problems.push(`PostgreSQL on port ${pgPort} does not answer and could not be started here: ${error.message}`);
    }
  }

  if (await redisAnswers(redis)) {
    log(`Redis answers on ${redis.hostname}:${redisPort}`);
  } else if (!LOCAL_HOSTS.has(redis.hostname)) {
    problems.push(`Redis at ${redis.hostname}:${redisPort} does not answer (not a local host: not starting one)`);
  } else {
    try {
      startRedis(redisPort, log);
      if (!(await waitUntil(() => redisAnswers(redis), 10_000))) throw new ServiceError('started, but does not answer');
    } catch (error) {
      problems.push(`Redis on port ${redisPort} does not answer and could not be started here: ${error.message}`);
    }
  }

  if (problems.length > 0) {
    throw new ServiceError(
      `${problems.join('\n')}\n\nAlternative: run them in containers with\n  ${DOCKER_HINT}\n` +
        'and point DATABASE_URL / REDIS_URL at them.',
    );
  }
}

/** Creates the database named in `url` if it does not exist (through the server's `postgres` database). */
export async function ensureDatabase(url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL, log = defaultLog) {
  const { default: pg } = await import('pg');
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!name) throw new ServiceError(`DATABASE_URL names no database: ${target.origin}`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
      log(`created database ${name}`);
    }
  } finally {
    await client.end();
  }
}

/** Stops the project-local servers (only those whose data lives under .data/). */
export function stopLocalServices(log = defaultLog) {
  if (existsSync(path.join(PG_DATA, 'postmaster.pid'))) {
    const pgCtl = findBinary('pg_ctl');
    if (pgCtl) asPostgresUser(pgCtl, ['-D', PG_DATA, '-m', 'fast', '-w', 'stop']);
    log('stopped the project-local PostgreSQL');
  }
  for (const file of existsSync(REDIS_DIR) ? readdirSync(REDIS_DIR) : []) {
    const match = /^redis-(\d+)\.pid$/.exec(file);
    if (!match) continue;
    spawnSync('redis-cli', ['-p', match[1], 'shutdown', 'nosave'], { stdio: 'ignore' });
    log(`stopped the project-local Redis on port ${match[1]}`);
  }
}

function postgresAnswers(host, port) {
  const pgIsReady = findBinary('pg_isready');
  if (pgIsReady) {
    const result = spawnSync(pgIsReady, ['-h', host || '127.0.0.1', '-p', String(port), '-t', '3'], {
      stdio: 'ignore',
    });
    return Promise.resolve(result.status === 0);
  }
  return tcpOpen(host || '127.0.0.1', port);
}

/** A PING over a raw connection (AUTH first when the URL has a password): no client library needed. */
function redisAnswers(url) {
  const host = url.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1';
  const port = Number(url.port || 6379);
  const commands = [];
  if (url.password) {
    const user = decodeURIComponent(url.username);
    commands.push(['AUTH', ...(user ? [user] : []), decodeURIComponent(url.password)]);
  }
  commands.push(['PING']);
  const payload = commands
    .map((args) => `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`)
    .join('');
  return new Promise((resolve) => {
    const socket =
      url.protocol === 'rediss:' ? tls.connect({ host, port, servername: host }) : net.connect({ host, port });
    let reply = '';
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(3_000, () => done(false));
    socket.on('error', () => done(false));
    socket.on(url.protocol === 'rediss:' ? 'secureConnect' : 'connect', () => socket.write(payload));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.includes('+PONG')) done(true);
      else if (reply.startsWith('-')) done(false);
    });
  });
}

function tcpOpen(host, port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.setTimeout(3_000, () => (socket.destroy(), resolve(false)));
    socket.on('error', () => resolve(false));
    socket.on('connect', () => (socket.destroy(), resolve(true)));
  });
}

function startPostgres(port, superuser, log) {
  const initdb = findBinary('initdb');
  const pgCtl = findBinary('pg_ctl');
  if (!initdb || !pgCtl)
    throw new ServiceError('initdb/pg_ctl not found (looked on PATH and /usr/lib/postgresql/*/bin)');
  mkdirSync(DATA, { recursive: true });
  chmodSync(DATA, 0o755); // the server runs as `postgres` when we are root: it must reach its data
  mkdirSync(PG_DATA, { recursive: true, mode: 0o700 });
  ownForPostgres(PG_DATA);
  if (!existsSync(path.join(PG_DATA, 'PG_VERSION'))) {
    log(`initialising a project-local PostgreSQL cluster in ${path.relative(ROOT, PG_DATA)}/`);
    asPostgresUser(initdb, ['-D', PG_DATA, '-U', superuser, '--auth=trust', '--encoding=UTF8', '--no-instructions']);
  }
  log(`starting the project-local PostgreSQL on 127.0.0.1:${port}`);
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''`;
  asPostgresUser(pgCtl, [
    '-D',
    PG_DATA,
    '-l',
    path.join(PG_DATA, 'server.log'),
    '-o',
    options,
    '-w',
    '-t',
    '30',
    'start',
  ]);
  log(`  (stop it with: node scripts/services.mjs stop)`);
}

function startRedis(port, log) {
  const redisServer = findBinary('redis-server');
  if (!redisServer) throw new ServiceError('redis-server not found on PATH');
  mkdirSync(REDIS_DIR, { recursive: true });
  log(`starting the project-local Redis on 127.0.0.1:${port} (data in ${path.relative(ROOT, REDIS_DIR)}/)`);
  execFileSync(
    redisServer,
    [
      '--daemonize',
      'yes',
      '--bind',
      '127.0.0.1',
      '--port',
      String(port),
      '--dir',
      REDIS_DIR,
      '--save',
      '',
      '--appendonly',
      'no',
      '--maxmemory-policy',
      'noeviction',
      '--hz',
      '100',
      '--pidfile',
      path.join(REDIS_DIR, `redis-${port}.pid`),
      '--logfile',
      path.join(REDIS_DIR, `redis-${port}.log`),
    ],
    { stdio: 'inherit' },
  );
}

/** initdb and pg_ctl refuse to run as root: as root, run them as the machine's `postgres` user. */
function asPostgresUser(binary, args) {
  const root = process.getuid?.() === 0;
  const [command, argv] = root ? ['runuser', ['-u', 'postgres', '--', binary, ...args]] : [binary, args];
  const result = spawnSync(command, argv, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', cwd: DATA });
  if (result.status !== 0) {
    const detail = (result.error?.message ?? `${result.stderr}${result.stdout}`).trim();
    throw new ServiceError(`${path.basename(binary)} failed${root ? ' (as user postgres)' : ''}: ${detail}`);
  }
}

function ownForPostgres(...dirs) {
  if (process.getuid?.() !== 0) return;
  const ids = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gids = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (ids.status !== 0) throw new ServiceError('running as root and there is no `postgres` user to run the server as');
  for (const dir of dirs) chownSync(dir, Number(ids.stdout.trim()), Number(gids.stdout.trim()));
}

function findBinary(name) {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  const pgRoot = '/usr/lib/postgresql';
  if (existsSync(pgRoot)) {
    for (const version of readdirSync(pgRoot).sort((a, b) => Number(b) - Number(a)))
      dirs.push(path.join(pgRoot, version, 'bin'));
  }
  return dirs.map((dir) => path.join(dir, name)).find((file) => existsSync(file));
}

async function waitUntil(check, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    if (process.argv[2] === 'stop') stopLocalServices();
    else await ensureServices();
  } catch (error) {
    console.error(`[services] ${error.message}`);
    process.exit(1);
  }
}
