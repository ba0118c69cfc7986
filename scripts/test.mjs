#!/usr/bin/env node
// `npm test`: types, lint, build, the OpenAPI document, then the unit, integration and e2e tiers, stopping at the first failure.
// Extra arguments are passed to every jest run (`npm test -- -t "escalation"`).
// The very last line is always `N passed, M failed` over all tiers; a step that fails without test results
// (types, build, services, a jest run that crashed) counts as one failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ROOT, ensureServices } from './services.mjs';

const RESULTS = path.join(ROOT, '.jest-results');
const ci = process.env.CI === 'true' || process.env.CI === '1';
const passThrough = process.argv.slice(2);
const bin = (name) => path.join(ROOT, 'node_modules', '.bin', name);
const totals = { passed: 0, failed: 0 };

function run(label, command, args) {
  console.log(`\n▶ ${label}: ${[path.basename(command), ...args].join(' ')}`);
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env: process.env });
  if (result.error) console.error(`could not run ${label}: ${result.error.message}`);
  return result.status === 0;
}

function step(label, command, args) {
  if (run(label, command, args)) return;
  totals.failed += 1;
  finish(`${label} failed`);
}

function jest(tier, extra = []) {
  const outputFile = path.join(RESULTS, `${tier}.json`);
  const args = ['--selectProjects', tier, ...extra, '--passWithNoTests', '--json', '--outputFile', outputFile];
  if (ci) args.push('--ci');
  const ok = run(`${tier} tests`, bin('jest'), [...args, ...passThrough]);
  const counts = readCounts(outputFile);
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  if (ok) return;
  if (counts.failed === 0) totals.failed += 1;
  finish(`${tier} tests failed`);
}

function readCounts(file) {
  if (!existsSync(file)) return { passed: 0, failed: 0 };
  try {
    const report = JSON.parse(readFileSync(file, 'utf8'));
    // Suites that failed to run (a syntax error, a throwing beforeAll) have no failed tests of their own.
    return {
      passed: report.numPassedTests ?? 0,
      failed: (report.numFailedTests ?? 0) + (report.numRuntimeErrorTestSuites ?? 0),
    };
  } catch (error) {
    console.error(`could not read ${path.relative(ROOT, file)}: ${error.message}`);
    return { passed: 0, failed: 1 };
  }
}

function finish(problem) {
  if (problem) console.error(`\n✖ ${problem}`);
  console.log(`${totals.passed} passed, ${totals.failed} failed`);
  process.exit(problem || totals.failed > 0 ? 1 : 0);
}

rmSync(RESULTS, { recursive: true, force: true });
mkdirSync(RESULTS, { recursive: true });

step('type check', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']);
// Format, lint and layer rules (scripts/lint.mjs): any violation fails the run here, before anything is built.
step('lint', process.execPath, [path.join(ROOT, 'scripts', 'lint.mjs')]);
step('build', process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build']);
// The api's OpenAPI document, written without PostgreSQL or Redis: Redocly's lint and the typed client's freshness.
step('OpenAPI document', process.execPath, [path.join(ROOT, 'scripts', 'openapi.mjs'), 'lint']);
try {
  console.log('\n▶ services');
  await ensureServices({
    databaseUrl: process.env.TEST_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
    redisUrl: process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379',
  });
} catch (error) {
  console.error(error.message);
  totals.failed += 1;
  finish('PostgreSQL or Redis is not available');
}
jest('unit');
jest('integration', ['--runInBand']);
jest('e2e', ['--runInBand']);
finish();
