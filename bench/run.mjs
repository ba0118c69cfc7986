#!/usr/bin/env node
// `npm run bench`: builds dist/ if it is missing, then runs each benchmark scenario in turn (each in its
// own process). Benchmarks print figures and record them in bench/RESULTS.md; they are not tests and are
// not part of `npm test`. Exits non-zero if a scenario fails to run, not if it misses its target.
//
//   npm run bench                 every scenario
//   npm run bench -- timers       only the named ones (timers, feed)
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './lib/processes.mjs';

const SCENARIOS = {
  timers: 'bench/timers.mjs',
  feed: 'bench/feed.mjs',
  decisions: 'bench/decisions.mjs',
  'sitrep-burst': 'bench/sitrep-burst.mjs',
  'catch-up': 'bench/catch-up.mjs',
  'live-push': 'bench/live-push.mjs',
  'console-board': 'bench/console-board.mjs',
  notifications: 'bench/notifications.mjs',
};
const NEEDS = [
  'dist/apps/api/src/main.js',
  'dist/apps/worker/src/main.js',
  'dist/libs/persistence/src/cli/migrate.js',
  'dist/libs/persistence/src/cli/seed.js',
];

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith('.ts') && !/\.(int-)?spec\.ts$/.test(entry.name))
      newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

const names = process.argv.slice(2);
const unknown = names.filter((name) => !(name in SCENARIOS));
if (unknown.length > 0) {
  console.error(`[bench] unknown scenario(s): ${unknown.join(', ')} (known: ${Object.keys(SCENARIOS).join(', ')})`);
  process.exit(2);
}

if (NEEDS.some((file) => !existsSync(path.join(REPO_ROOT, file)))) {
  console.log('[bench] dist/ is missing or incomplete: npm run build');
  const build = spawnSync('npm', ['run', 'build'], { cwd: REPO_ROOT, stdio: 'inherit', timeout: 600_000 });
  if (build.status !== 0) {
    console.error('[bench] the build failed');
    process.exit(1);
  }
} else {
  const built = Math.min(...NEEDS.map((file) => statSync(path.join(REPO_ROOT, file)).mtimeMs));
  const sources = Math.max(newestSource(path.join(REPO_ROOT, 'apps')), newestSource(path.join(REPO_ROOT, 'libs')));
  if (sources > built)
    console.log('[bench] note: sources changed since dist/ was built; run `npm run build` to measure them');
}

let failed = 0;
for (const name of names.length > 0 ? names : Object.keys(SCENARIOS)) {
  console.log(`[bench] ${name}`);
  const run = spawnSync(process.execPath, [path.join(REPO_ROOT, SCENARIOS[name])], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
    timeout: 30 * 60_000,
    killSignal: 'SIGTERM',
  });
  if (run.status !== 0) {
    failed += 1;
    console.error(`[bench] ${name} failed (${run.signal ? `signal ${run.signal}` : `exit code ${run.status}`})`);
  }
}
process.exit(failed > 0 ? 1 : 0);
