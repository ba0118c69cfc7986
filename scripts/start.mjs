#!/usr/bin/env node
// `npm start`: from a fresh clone to a running api and worker with demo data and a token for every role.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_DATABASE_URL, DEFAULT_REDIS_URL, ROOT, ensureDatabase, ensureServices } from './services.mjs';

const DEV_SECRET = 'muster-development-secret-do-not-use-in-production';
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const say = (message) => console.log(`[start] ${message}`);

const env = {
  ...process.env,
  NODE_ENV: process.env.NODE_ENV || 'development',
  DATABASE_URL: process.env.DATABASE_URL || DEFAULT_DATABASE_URL,
  REDIS_URL: process.env.REDIS_URL || DEFAULT_REDIS_URL,
  REDIS_PREFIX: process.env.REDIS_PREFIX || 'muster',
  PORT: process.env.PORT || '3000',
  AUTH_JWT_SECRET: process.env.AUTH_JWT_SECRET || DEV_SECRET,
};
const apiUrl = `http://127.0.0.1:${env.PORT}`;

function runOrExit(label, command, args) {
  say(label);
  const result = spawnSync(command, args, { cwd: ROOT, env, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`[start] ${label} failed${result.error ? `: ${result.error.message}` : ''}`);
    process.exit(result.status || 1);
  }
}

if (!existsSync(path.join(ROOT, 'node_modules'))) runOrExit('installing dependencies (npm install)', npm, ['install']);
if (!process.env.AUTH_JWT_SECRET) say(`AUTH_JWT_SECRET not set: using the development secret "${DEV_SECRET}"`);

try {
  await ensureServices({ databaseUrl: env.DATABASE_URL, redisUrl: env.REDIS_URL });
  await ensureDatabase(env.DATABASE_URL);
} catch (error) {
  console.error(`[start] ${error.message}`);
  process.exit(1);
}

// `--no-build` starts what dist/ holds (the e2e tests run this script after their own build).
if (process.argv.includes('--no-build')) say('not building (--no-build): starting dist/ as it is');
else runOrExit('building (npm run build)', npm, ['run', 'build']);
runOrExit('applying migrations', process.execPath, ['dist/libs/persistence/src/cli/migrate.js']);
runOrExit('seeding reference data', process.execPath, ['dist/libs/persistence/src/cli/seed.js']);

// --- the two processes -------------------------------------------------------------------------------
const children = new Map();
let stopping = false;
let exitCode = 0;

function launch(name, script) {
  // Own process group: a terminal Ctrl-C reaches only this script, which forwards it once. A second signal
  // during Nest's shutdown hooks would kill the process before it closes cleanly. The IPC channel is how the
  // child notices this script is gone when it dies without forwarding anything (SIGKILL): it then stops.
  const child = spawn(process.execPath, [script], { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'], detached: true });
  children.set(name, child);
  say(`${name} started (pid ${child.pid})`);
  child.on('exit', (code, signal) => {
    children.delete(name);
    if (!stopping) {
      console.error(`[start] the ${name} exited (${signal ?? `code ${code}`}); stopping the rest`);
      exitCode = code || 1;
      shutdown('SIGTERM');
    }
    if (children.size === 0) process.exit(exitCode);
  });
}

function shutdown(signal) {
  stopping = true;
  for (const child of children.values()) child.kill(signal);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (stopping) return;
    say(`${signal}: stopping the api and the worker`);
    shutdown(signal);
  });
}

launch('api', 'dist/apps/api/src/main.js');
launch('worker', 'dist/apps/worker/src/main.js');

async function waitForReady(timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !stopping) {
    try {
      const response = await fetch(`${apiUrl}/health/ready`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

if (!(await waitForReady(60_000))) {
  if (!stopping) {
    console.error(`[start] ${apiUrl}/health/ready did not answer 200 within 60 s; stopping`);
    exitCode = 1;
    shutdown('SIGTERM');
  }
} else {
  await afterReady();
}

async function afterReady() {
  const { SignJWT } = await import('jose');
  const { loadDemoData } = await import('./demo-data.mjs');
  const secret = new TextEncoder().encode(env.AUTH_JWT_SECRET);
  const mint = (sub, claims) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(sub)
      .setAudience('muster')
      .setIssuedAt()
      .setExpirationTime('12h')
      .sign(secret);

  const people = [
    ['cell-lead', { name: 'Priya Shah (PPE cell lead)', cells: ['ppe'], clearance: 'OFFICIAL-SENSITIVE' }],
    ['cell-member', { name: 'Tom Evans (PPE cell member)', cells: ['ppe'], clearance: 'OFFICIAL' }],
    ['authority-officer', { name: 'Grace Okafor (Birmingham officer)', authority: 'E08000025', clearance: 'OFFICIAL' }],
    ['regional-coordinator', { name: 'Sam Hughes (regional coordinator)', clearance: 'OFFICIAL-SENSITIVE' }],
    ['mayors-office', { name: 'Alex Morgan (mayor\u2019s office)', clearance: 'OFFICIAL' }],
    ['admin', { name: 'Dev Admin', clearance: 'OFFICIAL' }],
  ];
  const tokens = [];
  for (const [role, claims] of people) tokens.push([role, await mint(`dev-${role}`, { ...claims, roles: [role] })]);

  try {
    await loadDemoData({ apiUrl, token: tokens.find(([role]) => role === 'regional-coordinator')[1] });
  } catch (error) {
    console.error(`[start] demo data not loaded: ${error.message}`);
  }

  const lines = [
    '',
    `Muster is running: ${apiUrl}`,
    `  API docs:  ${apiUrl}/docs`,
    `  health:    ${apiUrl}/health/ready`,
    '',
    `Development tokens (12 h, HS256 with ${env.AUTH_JWT_SECRET === DEV_SECRET ? 'the development secret' : 'AUTH_JWT_SECRET'}):`,
    ...tokens.flatMap(([role, token]) => [`  ${role}:`, `    ${token}`]),
    '',
    `Try: curl -H "Authorization: Bearer $TOKEN" ${apiUrl}/api/v1/cells`,
    'Mint others with: npm run token -- --role cell-lead --cells ppe --clearance OFFICIAL-SENSITIVE --name "..." --sub ...',
    'Ctrl-C stops both processes.',
    '',
  ];
  console.log(lines.join('\n'));
}
