import type { AmendmentEntryView, DecisionEntryView } from '@muster/application';
import { packModel } from './pack.model';

const entry = (sequence: number, marking: 'OFFICIAL' | 'OFFICIAL-SENSITIVE' = 'OFFICIAL'): DecisionEntryView => ({
  id: `d${sequence}`,
  cell: 'ppe',
  sequence,
  marking,
  authorities: [],
  recordedAt: '2026-11-22T10:02:00.000Z',
  recordedBy: { sub: 'lead', name: 'Priya Shah' },
  hash: 'a'.repeat(64),
  prevHash: 'b'.repeat(64),
  kind: 'decision',
  title: `Decision ${sequence}`,
  decision: 'd',
  rationale: 'r',
  informationAvailable: 'i',
  options: [{ option: 'o', chosen: true }],
  decidedBy: 'Priya Shah',
  decidedAt: '2026-11-22T10:00:00.000Z',
  actions: [],
});

const amendment = (
  sequence: number,
  amends: string,
  marking: 'OFFICIAL' | 'OFFICIAL-SENSITIVE' = 'OFFICIAL',
): AmendmentEntryView => ({
  ...entry(sequence, marking),
  kind: 'amendment',
  id: `a${sequence}`,
  amends,
  reason: 'Typo',
  changes: { title: 'Corrected' },
  recordedAt: '2026-11-24T09:00:00.000Z',
});

const inputs = {
  cell: { slug: 'ppe', name: 'PPE' },
  from: '2026-11-22',
  to: '2026-11-22',
  authorities: [],
  timeZone: 'Europe/London',
  printedAt: new Date('2026-11-25T08:30:00.000Z'),
  printedBy: 'Sam Hughes',
};

describe('the printable pack’s model', () => {
  it('is marked as its most sensitive entry, amendments made after the range included', () => {
    const official = packModel({ ...inputs, entries: [entry(1)], amendments: [], sequences: new Map([['d1', 1]]) });
    expect([official.marking, official.markingClass]).toEqual(['OFFICIAL', 'muster-pack--official']);
    const sensitive = packModel({
      ...inputs,
      entries: [entry(1)],
      amendments: [amendment(9, 'd1', 'OFFICIAL-SENSITIVE')],
      sequences: new Map([['d1', 1]]),
    });
    expect([sensitive.marking, sensitive.markingClass]).toEqual([
      'OFFICIAL-SENSITIVE',
      'muster-pack--official-sensitive',
    ]);
  });

  it('shows each decision with its amendments beside it, wherever they are in the log, and says what the pack covers', () => {
    const model = packModel({
      ...inputs,
      to: '2026-11-23',
      entries: [entry(1), entry(2)],
      amendments: [amendment(9, 'd1')],
      sequences: new Map([
        ['d1', 1],
        ['d2', 2],
        ['a9', 9],
      ]),
    });
    expect(model.entries.map((e) => [e.heading, e.amended])).toEqual([
      ['Corrected', true],
      ['Decision 2', false],
    ]);
    expect(model.entries[0]?.changes).toEqual([
      { field: 'Title', before: ['Decision 1'], after: ['Corrected'], by: 'Entry 9' },
    ]);
    expect(model).toMatchObject({
      heading: 'PPE: decision log',
      range: 'Entries recorded from 22 November 2026 to 23 November 2026 (UK time)',
      printed:
        'Prepared at 08:30 on 25 November 2026 for Sam Hughes. Each entry’s hash covers its content and the hash before it.',
      empty: false,
    });
    expect(packModel({ ...inputs, entries: [], amendments: [], sequences: new Map() })).toMatchObject({
      empty: true,
      range: 'Entries recorded on 22 November 2026 (UK time)',
    });
  });
});
