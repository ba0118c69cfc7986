#!/usr/bin/env node
// `npm run lint`: the format check (Prettier), the lint (typescript-eslint, strict and type-checked) and the
// layer rules of docs/architecture.md (dependency-cruiser). Runs each, reports each, fails if any failed.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(ROOT, 'node_modules', '.bin', name);

const checks = [
  ['format (prettier --check)', bin('prettier'), ['--check', '--log-level', 'warn', '.']],
  ['lint (eslint)', bin('eslint'), ['--max-warnings', '0', '.']],
  [
    'layers (dependency-cruiser)',
    bin('depcruise'),
    ['apps', 'libs', '--config', '.dependency-cruiser.cjs', '--output-type', 'err'],
  ],
];

let failed = 0;
for (const [label, command, args] of checks) {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    failed += 1;
    console.error(`✖ ${label} failed`);
  }
}
process.exit(failed === 0 ? 0 : 1);
