import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { toEntryView } from '@muster/application';
import { contentOf, type EntryContent, linkEntry, type LogEntry } from '@muster/domain';
import { chainOf, present } from '@muster/builders';
import { toJsonLine } from './export-format';

/**
 * scripts/verify-export.mjs, run as an inquiry would (`node scripts/verify-export.mjs FILE`), on files written
 * by the export's own code (toJsonLine(toEntryView(entry))) from chains the domain linked: whatever it accepts
 * was hashed by the canonicalize library, so agreement here is agreement with Muster's own hashing.
 */

const SCRIPT = path.resolve(__dirname, '../../../../scripts/verify-export.mjs');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'verify-export-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function run(text: string, ...args: string[]): { status: number | null; out: string } {
  const file = path.join(dir, `export-${String(Math.random()).slice(2)}.jsonl`);
  writeFileSync(file, text);
  const result = spawnSync(process.execPath, [SCRIPT, file, ...args], { encoding: 'utf8' });
  return { status: result.status, out: `${result.stdout}${result.stderr}`.trim() };
}

const exportOf = (entries: LogEntry[]): string => entries.map((entry) => toJsonLine(toEntryView(entry))).join('');
const linesOf = (text: string): string[] => text.split('\n').filter((line) => line.length > 0);
const joined = (lines: string[]): string => lines.map((line) => `${line}\n`).join('');

type Unlinked = Omit<EntryContent, 'sequence'>;

/** What an entry's hash covers, less the sequence that linking gives it. */
function unlinked(entry: LogEntry): Unlinked {
  const { sequence: _sequence, ...content } = contentOf(entry);
  return content;
}

/** Links contents after `entries` as the log appender would. */
function appended(entries: LogEntry[], ...contents: Unlinked[]): LogEntry[] {
  const out = [...entries];
  for (const content of contents) {
    const head = out.at(-1);
    out.push(linkEntry(content, head && { sequence: head.sequence, hash: head.hash }));
  }
  return out;
}

/** Three decisions, an amendment of the second, and a sensitive decision with awkward text. */
function sampleLog(): LogEntry[] {
  const decisions = chainOf(3);
  const second = present(decisions[1]);
  const base = { cell: 'ppe', recordedBy: { sub: 'lead-1', name: 'Asha Lead' } };
  return appended(
    decisions,
    {
      ...base,
      id: '00000000-0000-4000-8000-000000000004',
      marking: 'OFFICIAL',
      authorities: [],
      recordedAt: '2026-11-22T11:00:00.000Z',
      body: {
        kind: 'amendment',
        amends: second.id,
        amendment: {
          reason: 'Wrong title',
          changes: { title: 'Decision 2, corrected', reviewBy: '2026-11-23T09:00:00.000Z' },
        },
      },
    },
    {
      ...base,
      id: '00000000-0000-4000-8000-000000000005',
      marking: 'OFFICIAL-SENSITIVE',
      authorities: ['E08000025', 'E08000028'],
      recordedAt: '2026-11-22T11:30:00.000Z',
      body: {
        kind: 'decision',
        record: {
          title: 'Close the “Ladywood” site — résumé 😀',
          decision: 'Quotes " and \\ and a tab\tand a line\nbreak',
          rationale: 'ﬁ sorts after 😀 by UTF-16 code unit, before it by code point',
          informationAvailable: '\u0000 and \u001f escaped',
          options: [{ option: 'Close', chosen: true, notes: 'now' }],
          decidedBy: 'Asha Lead',
          decidedAt: '2026-11-22T11:20:00.000Z',
          delayReason: 'Recorded after the call',
          actions: [{ action: 'Tell the site', owner: 'Site manager', due: '2026-11-22T12:00:00.000Z' }],
          journalPosition: 1234567,
        },
      },
    },
  );
}

describe('scripts/verify-export.mjs on a JSON Lines export', () => {
  const log = sampleLog();
  const head = present(log.at(-1)).hash;
  const text = exportOf(log);

  it('passes an untouched export, printing the entry count and the head hash', () => {
    expect(run(text)).toEqual({ status: 0, out: `OK 5 entries, head ${head}` });
  });

  it('passes the same file saved by an editor with a byte-order mark and CRLF line ends', () => {
    expect(run(`\uFEFF${text.replaceAll('\n', '\r\n')}`)).toEqual({ status: 0, out: `OK 5 entries, head ${head}` });
  });

  it('passes against the head hash a daily report published, and fails against another', () => {
    expect(run(text, '--head', head)).toEqual({ status: 0, out: `OK 5 entries, head ${head} (the published head)` });
    const other = run(text, '--head', present(log[3]).hash);
    expect(other.status).toBe(1);
    expect(other.out).toMatch(/^BAD at sequence 6: .*not the published head/);
  });

  it('fails a file cut short of the published head', () => {
    const cut = joined(linesOf(text).slice(0, 4));
    expect(run(cut).status).toBe(0);
    const checked = run(cut, '--head', head);
    expect(checked.status).toBe(1);
    expect(checked.out).toMatch(/^BAD at sequence 5: the chain ends at 4/);
  });

  it.each([
    ['a decision’s title', 3, (line: Record<string, unknown>) => ({ ...line, title: 'Decision 3, quietly changed' })],
    ['a nested option', 1, (line: Record<string, unknown>) => ({ ...line, options: [{ option: 'o', chosen: false }] })],
    ['an amendment’s changes', 4, (line: Record<string, unknown>) => ({ ...line, changes: { title: 'Other' } })],
    ['the marking', 5, (line: Record<string, unknown>) => ({ ...line, marking: 'OFFICIAL' })],
    ['who recorded it', 2, (line: Record<string, unknown>) => ({ ...line, recordedBy: { sub: 'x', name: 'X' } })],
    ['an added field', 3, (line: Record<string, unknown>) => ({ ...line, risks: 'added later' })],
  ])('names the sequence of an entry altered in %s', (_what, sequence, alter) => {
    const lines = linesOf(text);
    lines[sequence - 1] = JSON.stringify(alter(JSON.parse(present(lines[sequence - 1])) as Record<string, unknown>));
    const result = run(joined(lines));
    expect(result.status).toBe(1);
    expect(result.out).toMatch(new RegExp(`^BAD at sequence ${sequence}: .*altered`));
  });

  it('names the next sequence when an altered entry’s hash was recomputed to match', () => {
    const altered = log.map((entry) =>
      entry.sequence === 3 && entry.body.kind === 'decision'
        ? { ...entry, body: { ...entry.body, record: { ...entry.body.record, title: 'Rewritten' } } }
        : entry,
    );
    const [, , third] = appended([], ...altered.slice(0, 3).map(unlinked));
    const forged = exportOf([...log.slice(0, 2), present(third), ...log.slice(3)]);
    const result = run(forged);
    expect(result.status).toBe(1);
    expect(result.out).toMatch(/^BAD at sequence 4: .*prevHash/);
  });

  it('names the gap where a line was deleted', () => {
    const lines = linesOf(text);
    lines.splice(2, 1);
    const result = run(joined(lines));
    expect(result.status).toBe(1);
    expect(result.out).toBe('BAD at sequence 3: line 3: sequence 4 follows 2: entry 3 is missing');
  });

  it('names the place of two lines that swapped', () => {
    const lines = linesOf(text);
    const [second, third] = [present(lines[1]), present(lines[2])];
    lines[1] = third;
    lines[2] = second;
    expect(run(joined(lines)).out).toMatch(/^BAD at sequence 2: /);
  });

  it('names a line that is not JSON', () => {
    const lines = linesOf(text);
    lines[1] = '{"sequence": 2,';
    expect(run(joined(lines))).toEqual({ status: 1, out: 'BAD at sequence 2: line 2: is not JSON' });
  });

  it('passes an empty log with the genesis head, and refuses bad arguments', () => {
    expect(run('')).toEqual({ status: 0, out: `OK 0 entries, head ${'0'.repeat(64)}` });
    expect(run(text, '--head', 'abc').status).toBe(2);
    expect(spawnSync(process.execPath, [SCRIPT], { encoding: 'utf8' }).status).toBe(2);
    expect(spawnSync(process.execPath, [SCRIPT, path.join(dir, 'missing.jsonl')], { encoding: 'utf8' }).status).toBe(2);
  });

  it('hashes any text and any amendment keys as the RFC 8785 library does (generated entries)', () => {
    const text_ = fc.string({ unit: 'binary', maxLength: 40 }).filter((s) => !/\p{Surrogate}/u.test(s));
    const content = fc.record({
      title: text_,
      reason: text_,
      changes: fc.dictionary(text_, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 6 }),
      position: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
    });
    const samples = fc.sample(content, { numRuns: 150, seed: 8785 });
    const entries = appended(
      [],
      ...samples.flatMap((sample, i): Unlinked[] => {
        const decision = unlinked(present(chainOf(1)[0]));
        const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
        const record = decision.body.kind === 'decision' ? decision.body.record : undefined;
        return [
          {
            ...decision,
            id,
            body: {
              kind: 'decision',
              record: { ...present(record), title: sample.title, journalPosition: sample.position },
            },
          },
          {
            ...decision,
            id: `${id.slice(0, -1)}f`,
            body: { kind: 'amendment', amends: id, amendment: { reason: sample.reason, changes: sample.changes } },
          },
        ];
      }),
    );
    const result = run(exportOf(entries));
    expect(result).toEqual({ status: 0, out: `OK ${entries.length} entries, head ${present(entries.at(-1)).hash}` });
  });
});
