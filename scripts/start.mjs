#!/usr/bin/env node
// `npm start`: from a fresh clone to a running api and worker with demo data and a token for every role,
// and the development sign-in service beside them so the console at / signs in any demo person.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { startDevInbox } from './dev-inbox.mjs';
import { DEFAULT_DATABASE_URL, DEFAULT_REDIS_URL, ROOT, ensureDatabase, ensureServices } from './services.mjs';

const DEV_SECRET = 'muster-development-secret-do-not-use-in-production';
// apps/dev-idp/src/config.ts DEVELOPMENT_CLIENT_SECRET: the console's client at the development provider.
const DEV_CLIENT_SECRET = 'muster-console-development-secret-not-for-production';
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
// The development sign-in service runs beside the api unless OIDC_ISSUER names a provider of your own.
const devIdp = !process.env.OIDC_ISSUER;
if (devIdp) {
  const idpPort = process.env.DEV_IDP_PORT || '3001';
  Object.assign(env, {
    DEV_IDP_PORT: idpPort,
    OIDC_ISSUER: `http://127.0.0.1:${idpPort}`,
    OIDC_CLIENT_ID: process.env.OIDC_CLIENT_ID || 'muster-console',
    OIDC_CLIENT_SECRET: process.env.OIDC_CLIENT_SECRET || DEV_CLIENT_SECRET,
    DEV_IDP_REDIRECT_URIS: `${apiUrl}/auth/callback`,
    DEV_IDP_POST_LOGOUT_REDIRECT_URIS: `${apiUrl}/signed-out`,
    DEV_IDP_BACKCHANNEL_LOGOUT_URI: `${apiUrl}/auth/backchannel-logout`,
  });
}

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

// Email goes to the development inbox unless SMTP_URL names a server of your own.
let inbox;
if (!process.env.SMTP_URL) {
  inbox = await startDevInbox({ root: ROOT, webPort: Number(process.env.DEV_INBOX_PORT || 3025) });
  env.SMTP_URL = inbox.smtpUrl;
  say(`development inbox: ${inbox.webUrl} (SMTP_URL=${inbox.smtpUrl}; emails also under .data/inbox/)`);
}

// --- the two processes -------------------------------------------------------------------------------
const children = new Map();
let stopping = false;
let exitCode = 0;

function launch(name, script) {
  // Own process group: a terminal Ctrl-C reaches only this script, which forwards it once. A second signal
  // during Nest's shutdown hooks would kill the process before it closes cleanly. The IPC channel is how the
  // child notices this script is gone when it dies without forwarding anything (SIGKILL): it then stops.
  const child = spawn(process.execPath, [script], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    detached: true,
  });
  children.set(name, child);
  say(`${name} started (pid ${child.pid})`);
  child.on('exit', (code, signal) => {
    children.delete(name);
    if (!stopping) {
      console.error(`[start] the ${name} exited (${signal ?? `code ${code}`}); stopping the rest`);
      exitCode = code || 1;
      shutdown('SIGTERM');
    }
    if (children.size === 0) void Promise.resolve(inbox?.close()).finally(() => process.exit(exitCode));
  });
}

function shutdown(signal) {
  stopping = true;
  for (const child of children.values()) child.kill(signal);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (stopping) return;
    say(`${signal}: stopping ${[...children.keys()].join(', ')}`);
    shutdown(signal);
  });
}

if (devIdp) launch('dev-idp', 'dist/apps/dev-idp/src/main.js');
launch('api', 'dist/apps/api/src/main.js');
launch('worker', 'dist/apps/worker/src/main.js');

async function answers(url) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    return response.status === 200;
  } catch {
    return false; // not listening yet
  }
}

async function waitForReady(timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  const ready = [`${apiUrl}/health/ready`, ...(devIdp ? [`${env.OIDC_ISSUER}/.well-known/openid-configuration`] : [])];
  while (Date.now() < deadline && !stopping) {
    if ((await Promise.all(ready.map(answers))).every(Boolean)) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

if (!(await waitForReady(60_000))) {
  if (!stopping) {
    console.error(
      `[start] ${apiUrl}/health/ready${devIdp ? ' or the sign-in service' : ''} did not answer 200 within 60 s; stopping`,
    );
    exitCode = 1;
    shutdown('SIGTERM');
  }
} else {
  await afterReady();
}

/** The development provider's one-click people, as its sign-in page lists them (dist/apps/dev-idp/src/people.js). */
function demoPeople() {
  const { DEMO_PEOPLE } = createRequire(import.meta.url)(path.join(ROOT, 'dist/apps/dev-idp/src/people.js'));
  return DEMO_PEOPLE.map((person) => `${person.name}: ${person.summary}`);
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
    await loadDemoData({
      apiUrl,
      token: tokens.find(([role]) => role === 'regional-coordinator')[1],
      adminToken: tokens.find(([role]) => role === 'admin')[1],
    });
  } catch (error) {
    console.error(`[start] demo data not loaded: ${error.message}`);
  }

  const lines = [
    '',
    `Muster is running: ${apiUrl}`,
    `  Console:   ${apiUrl}/  (open it in a browser and ${devIdp ? 'sign in as any demo person' : `sign in at ${env.OIDC_ISSUER}`})`,
    ...(devIdp ? demoPeople().map((line) => `             ${line}`) : []),
    `  API docs:  ${apiUrl}/docs`,
    `  health:    ${apiUrl}/health/ready`,
    ...(inbox ? [`  Inbox:     ${inbox.webUrl}  (every email Muster sends; also under .data/inbox/)`] : []),
    '',
    `Development tokens (12 h, HS256 with ${env.AUTH_JWT_SECRET === DEV_SECRET ? 'the development secret' : 'AUTH_JWT_SECRET'}):`,
    ...tokens.flatMap(([role, token]) => [`  ${role}:`, `    ${token}`]),
    '',
    `Try: curl -H "Authorization: Bearer $TOKEN" ${apiUrl}/api/v1/cells`,
    'Mint others with: npm run token -- --role cell-lead --cells ppe --clearance OFFICIAL-SENSITIVE --name "..." --sub ...',
    `Ctrl-C stops ${devIdp ? 'the api, the worker and the sign-in service' : 'both processes'}.`,
    '',
  ];
  console.log(lines.join('\n'));
}
