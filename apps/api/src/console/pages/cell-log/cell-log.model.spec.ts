import type { AmendmentEntryView, DecisionEntryView, DecisionPage } from '@muster/application';
import { cellLogModel, pageEndingWith, verifyModel } from './cell-log.model';
import { currentReading } from './entry.model';

const ppe = { slug: 'ppe', name: 'PPE' };
const authorities = [
  { code: 'E08000028', name: 'Sandwell', kind: 'metropolitan-borough', validFrom: '2009-01-01' },
  { code: 'E08000026', name: 'Coventry', kind: 'metropolitan-borough', validFrom: '2009-01-01' },
];
const hash = (n: number) => String(n).repeat(64).slice(0, 64);

function decision(sequence: number, overrides: Partial<DecisionEntryView> = {}): DecisionEntryView {
  return {
    id: `d${sequence}`,
    cell: 'ppe',
    sequence,
    marking: 'OFFICIAL',
    authorities: ['E08000028'],
    recordedAt: '2026-11-22T10:02:00.000Z',
    recordedBy: { sub: 'lead', name: 'Priya Shah' },
    hash: hash(sequence),
    prevHash: hash(sequence - 1),
    kind: 'decision',
    title: `Decision ${sequence}`,
    decision: 'Release 20,000 masks',
    rationale: 'Below two days\nin three authorities',
    informationAvailable: 'Sitreps',
    options: [
      { option: 'Release', chosen: true, notes: 'Fastest' },
      { option: 'Wait', chosen: false },
    ],
    decidedBy: 'Priya Shah',
    decidedAt: '2026-11-22T10:00:00.000Z',
    actions: [{ action: 'Book the courier', owner: 'Jas Kaur', due: '2026-11-22T15:00:00.000Z' }],
    ...overrides,
  };
}

function amendment(
  sequence: number,
  amends: string,
  changes: Record<string, unknown>,
  overrides: Partial<AmendmentEntryView> = {},
): AmendmentEntryView {
  return {
    id: `a${sequence}`,
    cell: 'ppe',
    sequence,
    marking: 'OFFICIAL',
    authorities: ['E08000028'],
    recordedAt: '2026-11-22T10:40:00.000Z',
    recordedBy: { sub: 'lead', name: 'Priya Shah' },
    hash: hash(sequence),
    prevHash: hash(sequence - 1),
    kind: 'amendment',
    amends,
    reason: 'The number was wrong',
    changes,
    ...overrides,
  };
}

const permissions = { log: true, amend: true, export: true };

function model(
  page: DecisionPage,
  amendmentsOf = new Map<string, AmendmentEntryView[]>(),
  query = { after: 0 },
  sequences = new Map<string, number>(),
) {
  return cellLogModel(
    {
      cell: ppe,
      page,
      amendmentsOf,
      sequences,
      authorities,
      timeZone: 'Europe/London',
      today: '2026-11-22',
      permissions,
      liveTopic: 'cell:ppe',
    },
    query,
  );
}

describe('the cell page’s model', () => {
  it('words each decision’s fields as lines, in the Joint Decision Model’s order, times in the region', () => {
    const [entry] = model({
      items: [decision(1, { risks: 'Reserve runs low', reviewBy: '2026-11-23T09:00:00.000Z' })],
      nextAfter: null,
    }).entries;
    expect(entry).toMatchObject({
      anchor: 'entry-1',
      heading: 'Decision 1',
      amended: false,
      sensitive: false,
      amendHref: '/cells/ppe/decisions/d1/amend',
      changes: [],
      recorded: '10:02 on 22 November 2026 by Priya Shah',
    });
    expect(entry?.rows).toEqual([
      { key: 'Decision', lines: ['Release 20,000 masks'] },
      { key: 'Rationale', lines: ['Below two days', 'in three authorities'] },
      { key: 'Information available', lines: ['Sitreps'] },
      { key: 'Risks', lines: ['Reserve runs low'] },
      { key: 'Options', lines: ['Release (chosen): Fastest', 'Wait (not chosen)'] },
      { key: 'Decided by', lines: ['Priya Shah'] },
      { key: 'Decided at', lines: ['10:00 on 22 November 2026'] },
      { key: 'Actions', lines: ['Book the courier, owner Jas Kaur, due 15:00 on 22 November 2026'] },
      { key: 'Review by', lines: ['09:00 on 23 November 2026'] },
      { key: 'Authorities', lines: ['Sandwell'] },
    ]);
  });

  it('flags an amended decision, shows it as it reads now, and each changed field as first recorded beside now, by the entry that changed it last', () => {
    const amendments = [
      amendment(3, 'd1', { decision: 'Release 25,000 masks' }),
      amendment(
        5,
        'd1',
        { decision: 'Release 30,000 masks', authorities: ['E08000028', 'E08000026'] },
        { authorities: ['E08000026', 'E08000028'] },
      ),
    ];
    const [entry] = model({ items: [decision(1)], nextAfter: null }, new Map([['d1', amendments]])).entries;
    expect(entry?.amended).toBe(true);
    expect(entry?.rows.find((r) => r.key === 'Decision')).toEqual({ key: 'Decision', lines: ['Release 30,000 masks'] });
    expect(entry?.changes).toEqual([
      { field: 'Decision', before: ['Release 20,000 masks'], after: ['Release 30,000 masks'], by: 'Entry 5' },
      { field: 'Authorities', before: ['Sandwell'], after: ['Coventry', 'Sandwell'], by: 'Entry 5' },
    ]);
    expect(entry?.amendments).toEqual([
      'Entry 3, recorded 10:40 on 22 November 2026 by Priya Shah: The number was wrong',
      'Entry 5, recorded 10:40 on 22 November 2026 by Priya Shah: The number was wrong',
    ]);
  });

  it('applies amendments in log order whatever order they come in', () => {
    const later = amendment(5, 'd1', { title: 'Third' });
    const earlier = amendment(3, 'd1', { title: 'Second' });
    expect(currentReading(decision(1), [later, earlier]).record.title).toBe('Third');
  });

  it('shows an amendment as its own entry, naming the entry it corrects wherever that is', () => {
    const items = [amendment(21, 'd1', { title: 'x', risks: 'y' })];
    const [entry] = model({ items, nextAfter: null }, new Map(), { after: 20 }, new Map([['d1', 1]])).entries;
    expect(entry).toMatchObject({
      heading: 'Amendment to entry 1',
      kind: 'amendment',
      amends: { sequence: 1, anchor: 'entry-1' },
    });
    expect(entry?.rows).toEqual([
      { key: 'Reason', lines: ['The number was wrong'] },
      { key: 'Fields changed', lines: ['Title', 'Risks'] },
    ]);
    const [unknown] = model({ items, nextAfter: null }).entries;
    expect(unknown).toMatchObject({ heading: 'Amendment', amends: { sequence: undefined } });
  });

  it('says beside an amendment what it added, changed and dropped of the decision’s actions', () => {
    const courier = { id: 'x1', action: 'Arrange courier', owner: 'Jas Kaur', due: '2026-11-22T15:00:00.000Z' };
    const stock = { id: 'x2', action: 'Count the stock', owner: 'Priya Shah' };
    const receipt = { id: 'x3', action: 'Confirm receipt', owner: 'Jas Kaur' };
    const actionsDiff = {
      added: [receipt],
      changed: [{ id: 'x1', before: courier, after: { ...courier, due: '2026-11-22T17:00:00.000Z' } }],
      dropped: [stock],
    };
    const items = [amendment(21, 'd1', { actions: [] }, { reason: 'Stock counted nationally', actionsDiff })];
    const [entry] = model({ items, nextAfter: null }, new Map(), { after: 20 }, new Map([['d1', 1]])).entries;
    expect(entry?.rows.slice(2)).toEqual([
      { key: 'Actions added', lines: ['Confirm receipt, owner Jas Kaur'] },
      {
        key: 'Actions changed',
        lines: [
          'Arrange courier, owner Jas Kaur, due 15:00 on 22 November 2026 → Arrange courier, owner Jas Kaur, due 17:00 on 22 November 2026',
        ],
      },
      { key: 'Actions dropped', lines: ['Count the stock, owner Priya Shah'] },
    ]);
    const original = decision(1);
    const [shown] = model(
      { items: [original], nextAfter: null },
      new Map([['d1', [amendment(21, 'd1', { actions: [] }, { reason: 'Stock counted nationally', actionsDiff })]]]),
    ).entries;
    expect(shown?.amendments).toEqual([
      'Entry 21, recorded 10:40 on 22 November 2026 by Priya Shah: Stock counted nationally (actions: 1 added, 1 changed, 1 dropped)',
    ]);
  });

  it('pages oldest first, says when there is nothing, and offers amend only to those who may', () => {
    const first = model({ items: [decision(1)], nextAfter: 1 });
    expect(first.pagination).toEqual({ next: { href: '/cells/ppe?after=1' } });
    const later = model({ items: [decision(31)], nextAfter: null }, new Map(), { after: 30 });
    expect(later.pagination).toEqual({ previous: { href: '/cells/ppe?after=10' } });
    expect(model({ items: [], nextAfter: null }).empty).toBe('No decisions have been logged in this cell yet.');
    expect(model({ items: [], nextAfter: null }, new Map(), { after: 5 }).empty).toBe('There are no later entries.');
    const reader = cellLogModel(
      {
        cell: ppe,
        page: { items: [decision(1)], nextAfter: null },
        amendmentsOf: new Map(),
        sequences: new Map(),
        authorities,
        timeZone: 'Europe/London',
        today: '2026-11-22',
        permissions: { log: false, amend: false, export: false },
        liveTopic: 'region',
      },
      { after: 0 },
    );
    expect(reader.entries[0]).not.toHaveProperty('amendHref');
    expect(reader.live).toEqual({ topics: 'region', cell: 'ppe' });
    expect(pageEndingWith(3)).toBe(0);
    expect(pageEndingWith(45)).toBe(25);
  });

  it('says what was just done, and marks sensitive entries', () => {
    const logged = model({ items: [decision(1, { marking: 'OFFICIAL-SENSITIVE' })], nextAfter: null }, new Map(), {
      after: 0,
      logged: 1,
    } as { after: number });
    expect(logged.banner).toBe('Decision logged as entry 1.');
    expect(logged.entries[0]?.sensitive).toBe(true);
    expect(model({ items: [], nextAfter: null }, new Map(), { after: 0, amended: 4 } as { after: number }).banner).toBe(
      'Amendment logged as entry 4.',
    );
  });
});

describe('the verdict', () => {
  it('says plainly that the log is intact, with its head', () => {
    expect(verifyModel(ppe, { valid: true, entries: 4, head: 'f'.repeat(64) })).toMatchObject({
      heading: 'The decision log is intact',
      intact: true,
      lines: [
        'Every entry’s hash matches its content and the entry before it: nothing has been altered, removed or reordered.',
        '4 entries you may see were checked.',
        `Head hash: ${'f'.repeat(64)}`,
      ],
    });
  });

  it('names the first bad entry, or says it is where the reader may not see', () => {
    expect(verifyModel(ppe, { valid: false, entries: 1, firstBadSequence: 2 }).lines.slice(0, 2)).toEqual([
      'Entry 2 is the first that does not match: it, or an entry before it, has been altered, removed or reordered.',
      '1 entry you may see was checked before the break.',
    ]);
    expect(verifyModel(ppe, { valid: false, entries: 3 })).toMatchObject({
      heading: 'The decision log has been tampered with',
      lines: expect.arrayContaining([
        'An entry has been altered, removed or reordered, at a point in the log you may not see.',
      ]),
    });
  });
});
