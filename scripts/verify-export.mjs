#!/usr/bin/env node
// `node scripts/verify-export.mjs FILE [--head HASH]`: checks a decision log exported as JSON Lines
// (GET /api/v1/cells/:cell/decisions/export) against its own hash chain, with nothing but Node.
//
// Dependency-free on purpose (node: built-ins only, so RFC 8785 is implemented here): an inquiry runs it on a
// machine with nothing but Node, without installing Muster or trusting its packages.
//
// What each hash covers (README "Verifying an export offline"):
//   hash(n) = hex SHA-256 of the UTF-8 bytes of  prevHash(n) + "\n" + canonical(content(n))
//   prevHash(1) = 64 zeros; prevHash(n) = hash(n-1)
//   content(n)  = { id, cell, sequence, marking, authorities, recordedAt, recordedBy, body }
//   body        = { kind: "decision", record: <every other field of the line> }
//              or { kind: "amendment", amends, amendment: { reason, changes } }
//   canonical() = RFC 8785 (JSON Canonicalization Scheme)
//
// Prints `OK <entries> entries, head <hash>` and exits 0, or names the first bad sequence and exits 1;
// exits 2 when it cannot read its arguments or the file.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const GENESIS = '0'.repeat(64);
const ENVELOPE = ['id', 'cell', 'sequence', 'marking', 'authorities', 'recordedAt', 'recordedBy'];
const NOT_RECORD = new Set([...ENVELOPE, 'kind', 'hash', 'prevHash']);

/** RFC 8785: sorted keys (UTF-16 code units), ECMAScript number form, JSON.stringify's string escapes. */
export function canonical(value) {
  if (value === null || typeof value === 'boolean') return String(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('RFC 8785 has no form for a non-finite number');
    return JSON.stringify(value); // Number.prototype.toString's form, and -0 as 0, as RFC 8785 §3.2.2.3 says
  }
  if (typeof value === 'string') {
    // With the u flag a well-formed pair is one code point: only a lone half matches.
    if (/\p{Surrogate}/u.test(value)) {
      throw new TypeError('RFC 8785 has no form for a lone surrogate');
    }
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object') {
    const keys = Object.keys(value)
      .filter((key) => value[key] !== undefined)
      .sort(); // the default sort compares UTF-16 code units, as RFC 8785 §3.2.3 requires
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`).join(',')}}`;
  }
  throw new TypeError(`RFC 8785 has no form for a ${typeof value}`);
}

/** The content an entry's hash covers, rebuilt from the flat line the export writes. */
export function contentOf(line) {
  const content = {};
  for (const key of ENVELOPE) content[key] = line[key];
  if (line.kind === 'amendment') {
    content.body = {
      kind: 'amendment',
      amends: line.amends,
      amendment: { reason: line.reason, changes: line.changes },
    };
  } else {
    // fromEntries defines own properties, so even a `__proto__` key in an altered file stays data.
    const record = Object.fromEntries(Object.entries(line).filter(([key]) => !NOT_RECORD.has(key)));
    content.body = { kind: line.kind, record };
  }
  return content;
}

export function chainHash(content, prevHash) {
  return createHash('sha256')
    .update(`${prevHash}\n${canonical(content)}`, 'utf8')
    .digest('hex');
}

/** Checks the lines in order; the verdict names the first sequence that does not hold. */
export function verifyLines(lines, publishedHead) {
  let expected = 1;
  let prevHash = GENESIS;
  for (const [index, text] of lines.entries()) {
    const bad = (problem) => ({ ok: false, sequence: expected, problem: `line ${index + 1}: ${problem}` });
    let line;
    try {
      line = JSON.parse(text);
    } catch {
      return bad('is not JSON');
    }
    if (line === null || typeof line !== 'object' || Array.isArray(line)) return bad('is not a log entry');
    if (line.sequence !== expected) {
      return typeof line.sequence === 'number' && line.sequence > expected
        ? bad(`sequence ${line.sequence} follows ${expected - 1}: entry ${expected} is missing`)
        : bad(`has sequence ${JSON.stringify(line.sequence)} where ${expected} should be`);
    }
    if (line.prevHash !== prevHash) return bad('its prevHash is not the hash of the entry before it');
    let hash;
    try {
      hash = chainHash(contentOf(line), prevHash);
    } catch (error) {
      return bad(error.message);
    }
    if (hash !== line.hash) return bad('its content does not hash to its hash (the entry was altered)');
    prevHash = hash;
    expected += 1;
  }
  const entries = expected - 1;
  if (publishedHead !== undefined && publishedHead !== prevHash) {
    return {
      ok: false,
      sequence: entries + 1,
      problem: `the chain ends at ${entries} with head ${prevHash}, not the published head ${publishedHead} (entries after ${entries} are missing, or the last was rewritten)`,
    };
  }
  return { ok: true, entries, head: prevHash };
}

function readArguments(argv) {
  const args = [...argv];
  let head;
  const headAt = args.indexOf('--head');
  if (headAt >= 0) {
    head = args[headAt + 1];
    if (head === undefined || !/^[0-9a-f]{64}$/.test(head)) throw new Error('--head takes a 64-character hex hash');
    args.splice(headAt, 2);
  }
  if (args.length !== 1) throw new Error('usage: node scripts/verify-export.mjs FILE [--head HASH]');
  return { file: args[0], head };
}

function main() {
  let file;
  let head;
  let text;
  try {
    ({ file, head } = readArguments(process.argv.slice(2)));
    text = readFileSync(file, 'utf8');
  } catch (error) {
    console.error(error.message);
    return 2;
  }
  // One entry a line; the file ends with a newline, so the last split is empty. A byte-order mark an editor
  // may have added is not part of the export.
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  if (lines.at(-1) === '') lines.pop();
  const verdict = verifyLines(lines, head);
  if (verdict.ok) {
    console.log(
      `OK ${verdict.entries} entries, head ${verdict.head}${head === undefined ? '' : ' (the published head)'}`,
    );
    return 0;
  }
  console.log(`BAD at sequence ${verdict.sequence}: ${verdict.problem}`);
  return 1;
}

// Run as a command; imported (the unit test compares canonical() with the RFC authors' library), it only exports.
if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = main();
