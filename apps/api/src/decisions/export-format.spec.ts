import { parse } from 'csv-parse/sync';
import type { EntryView } from '@muster/application';
import type { AccessAuditRecord } from '@muster/domain';
import { auditCsvLines } from '../data-protection/audit-format';
import { CSV_COLUMNS, csvHeader, toCsvRow } from './export-format';

const HOSTILE = [
  '=HYPERLINK("http://x")',
  '+1',
  '-2+3',
  '@SUM(A1)',
  '\tcmd',
  '\rcr',
  'a,b',
  'say "hi"',
  'two\nlines',
  'crlf\r\nend',
  '😷 مأوى',
];

function entry(title: string, overrides: Partial<EntryView> = {}): EntryView {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    cell: 'ppe',
    sequence: 1,
    marking: 'OFFICIAL',
    authorities: ['E08000025', 'E08000026'],
    recordedAt: '2026-11-22T10:00:00.000Z',
    recordedBy: { sub: 'lead-1', name: '=cmd|"/c calc"!A1' },
    hash: 'a'.repeat(64),
    prevHash: '0'.repeat(64),
    kind: 'decision',
    title,
    decision: 'd, with "quotes"\nand a line',
    rationale: 'r',
    informationAvailable: 'i',
    options: [{ option: '=o', chosen: true }],
    decidedBy: '-Asha',
    decidedAt: '2026-11-22T09:00:00.000Z',
    actions: [],
    ...overrides,
  } as EntryView;
}

const rowsOf = (text: string): string[][] => {
  const rows: unknown = parse(text, { relaxQuotes: false });
  return rows as string[][];
};

async function collect(lines: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const line of lines) text += line;
  return text;
}

async function* from<T>(items: T[]): AsyncGenerator<T> {
  for (const item of items) yield await Promise.resolve(item);
}

describe('the decision log export as CSV (RFC 4180)', () => {
  it('writes a header and one CRLF-ended record per entry that a CSV reader reads back field for field', () => {
    const entries = HOSTILE.map((title, i) => entry(title, { sequence: i + 1 }));
    const text = csvHeader() + entries.map(toCsvRow).join('');
    expect(text.endsWith('\r\n')).toBe(true);
    const [header, ...rows] = rowsOf(text);
    expect(header).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(entries.length);
    rows.forEach((row, i) => {
      expect(row).toHaveLength(CSV_COLUMNS.length);
      expect(row[CSV_COLUMNS.indexOf('sequence')]).toBe(String(i + 1));
      expect(row[CSV_COLUMNS.indexOf('authorities')]).toBe('E08000025 E08000026');
      // The whole entry, exactly: JSON is never touched by formula neutralising.
      expect(JSON.parse(row[CSV_COLUMNS.indexOf('entry')] ?? '')).toEqual(entries[i]);
    });
  });

  it('neutralises what a spreadsheet would run as a formula in display columns, and keeps other text exact', () => {
    const rows = rowsOf(HOSTILE.map((title) => toCsvRow(entry(title))).join(''));
    const titles = rows.map((row) => row[CSV_COLUMNS.indexOf('title')]);
    expect(titles).toEqual(HOSTILE.map((title) => (/^[=+\-@\t\r]/.test(title) ? `'${title}` : title)));
    expect(rows[0]?.[CSV_COLUMNS.indexOf('recordedBy')]).toBe(`'=cmd|"/c calc"!A1`);
    expect(rows[0]?.[CSV_COLUMNS.indexOf('decidedBy')]).toBe(`'-Asha`);
  });

  it('neutralises the full-width forms of the formula characters too', () => {
    for (const title of ['\uFF1D1+1', '\uFF0B1', '\uFF0D1', '\uFF20SUM(A1)']) {
      expect(rowsOf(toCsvRow(entry(title)))[0]?.[CSV_COLUMNS.indexOf('title')]).toBe(`'${title}`);
    }
  });

  it('leaves the columns of an amendment that only decisions have empty', () => {
    const amendment = {
      ...entry('x'),
      kind: 'amendment',
      amends: '00000000-0000-4000-8000-000000000009',
      reason: 'typo',
      changes: { title: 'y' },
    } as EntryView;
    const [row] = rowsOf(toCsvRow(amendment));
    expect(row?.[CSV_COLUMNS.indexOf('amends')]).toBe('00000000-0000-4000-8000-000000000009');
    expect([
      row?.[CSV_COLUMNS.indexOf('title')],
      row?.[CSV_COLUMNS.indexOf('decidedBy')],
      row?.[CSV_COLUMNS.indexOf('decidedAt')],
    ]).toEqual(['', '', '']);
  });
});

describe('the access audit export as CSV', () => {
  it('writes the header, then each row with names neutralised and an absent cell empty', async () => {
    const rows: AccessAuditRecord[] = [
      {
        id: '1',
        at: '2026-11-22T10:00:00.000Z',
        sub: 'rc-1',
        name: '=1+1',
        action: 'decision.read',
        itemType: 'decision',
        itemId: 'd-1',
        cell: 'ppe',
        marking: 'OFFICIAL-SENSITIVE',
      },
      {
        id: '2',
        at: '2026-11-22T10:01:00.000Z',
        sub: 'rc-2',
        name: 'Smith, "Jo"',
        action: 'live.push',
        itemType: 'event',
        itemId: 'retention.changed',
        cell: null,
        marking: 'OFFICIAL-SENSITIVE',
      },
    ];
    const text = await collect(auditCsvLines(from(rows)));
    expect(text.split('\r\n')[0]).toBe('id,at,sub,name,action,itemType,itemId,cell,marking');
    expect(rowsOf(text).slice(1)).toEqual([
      [
        '1',
        '2026-11-22T10:00:00.000Z',
        'rc-1',
        "'=1+1",
        'decision.read',
        'decision',
        'd-1',
        'ppe',
        'OFFICIAL-SENSITIVE',
      ],
      [
        '2',
        '2026-11-22T10:01:00.000Z',
        'rc-2',
        'Smith, "Jo"',
        'live.push',
        'event',
        'retention.changed',
        '',
        'OFFICIAL-SENSITIVE',
      ],
    ]);
  });
});
