#!/usr/bin/env node
// Part of `npm run build`: dist/ is what ships, so it must hold no test code: no spec, fixture, fake or
// double, and nothing that loads one. Exits 1 naming each offending file.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', process.argv[2] ?? 'dist');

/** Names test code goes by: tiers' specs, fixtures, the doubles and builders, any testing folder. */
const TEST_FILE = /(\.(int-|e2e-|soak-)?spec|\.fixtures|\.fakes?|[-.]harness)\.(js|d\.ts)(\.map)?$/;
const TEST_FOLDER = /(^|\/)(test|testing|doubles|builders|__tests__)\//;
/** A module that loads test code: the test aliases, or a path into test/. */
const TEST_IMPORT =
  /require\((["'])(@muster\/(testing|builders|doubles)|(\.\.\/)+test\/[^"']*)\1\)|from (["'])@muster\/(testing|builders|doubles)\5/;

const offending = [];
for (const file of readdirSync(DIST, { recursive: true, encoding: 'utf8' })) {
  const relative = file.split(path.sep).join('/');
  if (TEST_FILE.test(relative) || TEST_FOLDER.test(relative)) {
    offending.push(`${relative}: test code`);
  } else if (relative.endsWith('.js') && TEST_IMPORT.test(readFileSync(path.join(DIST, file), 'utf8'))) {
    offending.push(`${relative}: loads test code`);
  }
}
if (offending.length > 0) {
  console.error(`dist/ holds test code (${offending.length}):\n  ${offending.join('\n  ')}`);
  process.exit(1);
}
