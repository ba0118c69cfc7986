import { addDays } from '../feeds/calendar';
import { effectiveFigures, isStale, nextEffectiveFigures, sitrepCutoffInstant } from './sitrep-rules';
import { Sitrep } from './sitrep';
import { LONDON, seededCell, sitrep, tinyCell } from '@muster/builders';

const cell = tinyCell(); // stock_days carries forward, requests does not

describe('effectiveFigures', () => {
  it('given no history, then nothing is known and nothing is invented', () => {
    expect(effectiveFigures(cell, [], '2026-11-20')).toEqual({ figures: {}, reported: false, carried: [] });
  });

  it('given a submission on the day, then its figures are the day’s', () => {
    const history = [sitrep({ date: '2026-11-20', figures: { stock_days: 5, requests: 40 } })];
    expect(effectiveFigures(cell, history, '2026-11-20')).toEqual({
      figures: { stock_days: 5, requests: 40 },
      reported: true,
      carried: [],
    });
  });

  it('given no submission on the day, then only carrying figures come from the last earlier day', () => {
    const history = [sitrep({ date: '2026-11-19', figures: { stock_days: 5, requests: 40 } })];
    expect(effectiveFigures(cell, history, '2026-11-20')).toEqual({
      figures: { stock_days: 5 },
      reported: false,
      carried: ['stock_days'],
    });
  });

  it('given a figure left out on the day, then it is carried if the cell says so, and absent if not', () => {
    const history = [
      sitrep({ date: '2026-11-19', figures: { stock_days: 5, requests: 40 } }),
      sitrep({ date: '2026-11-20', figures: {} }),
    ];
    expect(effectiveFigures(cell, history, '2026-11-20')).toEqual({
      figures: { stock_days: 5 },
      reported: true,
      carried: ['stock_days'],
    });
  });

  it('given the day reports a figure, then the day wins over what would be carried', () => {
    const history = [
      sitrep({ date: '2026-11-19', figures: { stock_days: 5 } }),
      sitrep({ date: '2026-11-20', figures: { stock_days: 2 } }),
    ];
    expect(effectiveFigures(cell, history, '2026-11-20').figures).toEqual({ stock_days: 2 });
  });

  it('given a reported zero, then zero is a real value, not a gap', () => {
    const history = [
      sitrep({ date: '2026-11-19', figures: { stock_days: 5 } }),
      sitrep({ date: '2026-11-20', figures: { stock_days: 0 } }),
    ];
    expect(effectiveFigures(cell, history, '2026-11-20')).toEqual({
      figures: { stock_days: 0 },
      reported: true,
      carried: [],
    });
  });

  it('carries from the latest earlier day that gave the figure, across days without it', () => {
    const history = [
      sitrep({ date: '2026-11-15', figures: { stock_days: 9 } }),
      sitrep({ date: '2026-11-17', figures: { stock_days: 6 } }),
      sitrep({ date: '2026-11-18', figures: { requests: 3 } }),
    ];
    expect(effectiveFigures(cell, history, '2026-11-20')).toEqual({
      figures: { stock_days: 6 },
      reported: false,
      carried: ['stock_days'],
    });
  });

  it('ignores days after the one asked about', () => {
    const history = [sitrep({ date: '2026-11-21', figures: { stock_days: 1, requests: 1 } })];
    expect(effectiveFigures(cell, history, '2026-11-20')).toEqual({ figures: {}, reported: false, carried: [] });
  });

  it('given resubmissions, then the latest version of each day counts, whatever the order', () => {
    const history: Sitrep[] = [
      sitrep({ date: '2026-11-20', version: 2, figures: { stock_days: 4 } }),
      sitrep({ date: '2026-11-19', version: 3, figures: { stock_days: 8 } }),
      sitrep({ date: '2026-11-20', version: 1, figures: { stock_days: 1, requests: 70 } }),
      sitrep({ date: '2026-11-19', version: 1, figures: { stock_days: 2 } }),
    ];
    // Version 2 on the 20th dropped `requests`: the later version is the authority's word for the day.
    expect(effectiveFigures(cell, history, '2026-11-20')).toEqual({
      figures: { stock_days: 4 },
      reported: true,
      carried: [],
    });
    expect(effectiveFigures(cell, history, '2026-11-19').figures).toEqual({ stock_days: 8 });
  });

  it('only returns figures the cell still collects', () => {
    const history = [sitrep({ date: '2026-11-20', figures: { stock_days: 4, retired_figure: 3 } })];
    expect(effectiveFigures(cell, history, '2026-11-20').figures).toEqual({ stock_days: 4 });
  });

  it('works on the seeded PPE cell: stock carries, requests outstanding does not', () => {
    const ppe = seededCell('ppe');
    const history = [
      sitrep({ date: '2026-11-19', figures: { ffp3_masks_days: 2, ffp3_masks_stock: 900, requests_outstanding: 14 } }),
    ];
    const result = effectiveFigures(ppe, history, '2026-11-20');
    expect(result.figures).toEqual({ ffp3_masks_stock: 900, ffp3_masks_days: 2 });
    expect(result.carried).toEqual(['ffp3_masks_stock', 'ffp3_masks_days']);
  });
});

describe('nextEffectiveFigures', () => {
  it('given the day before and the day’s submission, then it matches effectiveFigures over the whole history', () => {
    const submissions = new Map<string, Sitrep>([
      ['2026-11-16', sitrep({ date: '2026-11-16', figures: { stock_days: 9, requests: 5 } })],
      ['2026-11-17', sitrep({ date: '2026-11-17', figures: { requests: 7 } })],
      ['2026-11-19', sitrep({ date: '2026-11-19', figures: { stock_days: 0 } })],
      ['2026-11-21', sitrep({ date: '2026-11-21', figures: {} })],
    ]);
    const history = [...submissions.values()];
    let earlier: Record<string, number> | undefined;
    for (let i = 0; i < 8; i += 1) {
      const date = addDays('2026-11-15', i);
      const step = nextEffectiveFigures(cell, earlier, submissions.get(date));
      expect(step).toEqual(effectiveFigures(cell, history, date));
      earlier = step.figures;
    }
  });

  it('given nothing before and nothing today, then nothing is known', () => {
    expect(nextEffectiveFigures(cell, undefined, undefined)).toEqual({ figures: {}, reported: false, carried: [] });
  });
});

describe('isStale', () => {
  const date = '2026-11-20'; // GMT: the 10:00 cut-off is 10:00 UTC

  it('given the authority reported for the day, then it is never stale', () => {
    expect(isStale(cell, true, date, new Date('2026-11-25T12:00:00Z'), LONDON)).toBe(false);
  });

  it('given no report and the cut-off not yet reached, then it is not stale yet', () => {
    expect(isStale(cell, false, date, new Date('2026-11-20T09:59:59.999Z'), LONDON)).toBe(false);
  });

  it('given no report at the cut-off exactly, then it is stale', () => {
    expect(isStale(cell, false, date, new Date('2026-11-20T10:00:00.000Z'), LONDON)).toBe(true);
  });

  it('given no report for a past day, then it is stale', () => {
    expect(isStale(cell, false, '2026-11-18', new Date('2026-11-20T07:00:00Z'), LONDON)).toBe(true);
  });

  it('given a future day, then nobody is late for it yet', () => {
    expect(isStale(cell, false, '2026-11-21', new Date('2026-11-20T23:00:00Z'), LONDON)).toBe(false);
  });

  it('applies the cut-off in local time: in summer 10:00 in London is 09:00 UTC', () => {
    expect(isStale(cell, false, '2026-07-01', new Date('2026-07-01T08:59:00Z'), LONDON)).toBe(false);
    expect(isStale(cell, false, '2026-07-01', new Date('2026-07-01T09:00:00Z'), LONDON)).toBe(true);
  });

  it('uses each cell’s own cut-off', () => {
    const early = tinyCell({ sitrepCutoff: '08:30' });
    const at = new Date('2026-11-20T09:00:00Z');
    expect(isStale(early, false, date, at, LONDON)).toBe(true);
    expect(isStale(cell, false, date, at, LONDON)).toBe(false);
  });

  it('refuses a cell whose cut-off is not a time of day', () => {
    expect(() => isStale(tinyCell({ sitrepCutoff: '25:00' }), false, date, new Date(), LONDON)).toThrow(RangeError);
    expect(() => sitrepCutoffInstant(tinyCell({ sitrepCutoff: '10am' }), date, LONDON)).toThrow(RangeError);
  });

  it('finds the cut-off on the days the clocks change', () => {
    expect(sitrepCutoffInstant(cell, '2026-03-29', LONDON).toISOString()).toBe('2026-03-29T09:00:00.000Z');
    expect(sitrepCutoffInstant(cell, '2026-10-25', LONDON).toISOString()).toBe('2026-10-25T10:00:00.000Z');
  });
});
