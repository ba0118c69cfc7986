import { effectiveFigures } from './sitrep-rules';
import { figureOrigins, lastOwnRag } from './figure-origins';
import { Cell } from '../reference/region';
import { ReportedFigures } from './sitrep';
import { SANDWELL } from '@muster/builders';

const cell: Cell = {
  slug: 'food',
  name: 'Food',
  description: '',
  status: 'active',
  decisionTimescaleMinutes: 60,
  sitrepCutoff: '10:00',
  figures: [
    { key: 'parcels', label: 'Parcels', unit: 'parcels', carriesForward: false },
    { key: 'hubs', label: 'Hubs open', unit: 'hubs', carriesForward: true },
    { key: 'stock', label: 'Stock', unit: 'days', carriesForward: true },
  ],
  thresholds: [],
  activationCriteria: [],
};

const report = (
  date: string,
  version: number,
  figures: Record<string, number>,
  rag?: 'green' | 'amber' | 'red',
): ReportedFigures => ({
  cell: 'food',
  authority: SANDWELL,
  date,
  version,
  figures,
  ...(rag === undefined ? {} : { rag }),
});

describe('figureOrigins', () => {
  const history = [
    report('2026-11-17', 1, { parcels: 5, hubs: 2, stock: 9 }, 'green'),
    report('2026-11-18', 1, { parcels: 7, stock: 6 }),
    report('2026-11-18', 2, { parcels: 8, stock: 5 }, 'amber'),
    report('2026-11-21', 1, { stock: 1 }),
  ];

  it('names the day each carried figure was given on, from the latest version of each day', () => {
    expect(figureOrigins(cell, history, '2026-11-20')).toEqual({
      hubs: { value: 2, reportedOn: '2026-11-17' },
      stock: { value: 5, reportedOn: '2026-11-18' },
    });
  });

  it('gives the day’s own figures as reported on the day, a figure that does not carry only from the day itself', () => {
    expect(figureOrigins(cell, history, '2026-11-18')).toEqual({
      parcels: { value: 8, reportedOn: '2026-11-18' },
      hubs: { value: 2, reportedOn: '2026-11-17' },
      stock: { value: 5, reportedOn: '2026-11-18' },
    });
  });

  it('has the same values as effectiveFigures, for every day', () => {
    for (const date of ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-21']) {
      const values = Object.fromEntries(
        Object.entries(figureOrigins(cell, history, date)).map(([key, o]) => [key, o.value]),
      );
      expect(values).toEqual(effectiveFigures(cell, history, date).figures);
    }
  });

  it('ignores reports after the day and knows nothing before the first', () => {
    expect(figureOrigins(cell, history, '2026-11-16')).toEqual({});
    expect(figureOrigins(cell, [], '2026-11-16')).toEqual({});
  });
});

describe('lastOwnRag', () => {
  it('is the RAG of the latest report that gave one, on or before the day', () => {
    const history = [
      report('2026-11-17', 1, {}, 'green'),
      report('2026-11-18', 2, {}, 'amber'),
      report('2026-11-19', 1, {}),
    ];
    expect(lastOwnRag(history, '2026-11-20')).toEqual({ rag: 'amber', reportedOn: '2026-11-18' });
    expect(lastOwnRag(history, '2026-11-17')).toEqual({ rag: 'green', reportedOn: '2026-11-17' });
    expect(lastOwnRag(history, '2026-11-16')).toBeUndefined();
  });

  it('takes the latest version of a day: a correction that drops the RAG leaves none for that day', () => {
    const history = [report('2026-11-18', 1, {}, 'red'), report('2026-11-18', 2, {})];
    expect(lastOwnRag(history, '2026-11-18')).toBeUndefined();
  });
});
