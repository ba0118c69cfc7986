import { DailyFeed } from './daily-feed';
import { rollUpWeek, trendOf } from './weekly-briefing';
import { BIRMINGHAM, cellInput, COVENTRY, feed, feedDecision, feedEscalation, tinyCell } from '@muster/builders';

const WEEK = '2026-W47'; // Monday 16 to Sunday 22 November 2026
const tiny = tinyCell({ slug: 'ppe', name: 'PPE' });

/** A day on which Birmingham reports `stock_days` (and `requests` when given). */
function day(
  date: string,
  stock: number | undefined,
  extra: Parameters<typeof cellInput>[3] = {},
  requests?: number,
): DailyFeed {
  const figures: Record<string, number> = {};
  if (stock !== undefined) figures['stock_days'] = stock;
  if (requests !== undefined) figures['requests'] = requests;
  return feed(date, [
    cellInput(tiny, stock === undefined && requests === undefined ? {} : { [BIRMINGHAM]: figures }, {}, extra),
  ]);
}

describe('trendOf', () => {
  it.each<[Array<number | null>, string | null]>([
    [[1, 2, 3], 'up'],
    [[3, 2, 1], 'down'],
    [[2, 5, 2], 'flat'],
    [[null, 4, null, 6, null], 'up'],
    [[null, 4, null], null],
    [[null, null], null],
    [[], null],
  ])('%j → %s', (series, trend) => {
    expect(trendOf(series)).toBe(trend);
  });
});

describe('rollUpWeek', () => {
  it('given a full week, then each figure has its Monday-to-Sunday series and trend', () => {
    const days = ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22'];
    const briefing = rollUpWeek(
      WEEK,
      days.map((d, i) => day(d, 10 - i, {}, 5)),
    );
    expect(briefing.week).toBe(WEEK);
    expect(briefing.days).toEqual(days);
    expect(briefing.cells).toHaveLength(1);
    expect(briefing.cells[0]?.figures).toEqual([
      { key: 'stock_days', label: 'Days of stock', unit: 'days', series: [10, 9, 8, 7, 6, 5, 4], trend: 'down' },
      { key: 'requests', label: 'Requests', unit: 'requests', series: [5, 5, 5, 5, 5, 5, 5], trend: 'flat' },
    ]);
  });

  it('given missing days, then they are null in the series and the trend runs first known to last known', () => {
    const briefing = rollUpWeek(WEEK, [day('2026-11-17', 3), day('2026-11-20', undefined), day('2026-11-21', 8)]);
    expect(briefing.cells[0]?.figures[0]).toMatchObject({ series: [null, 3, null, null, null, 8, null], trend: 'up' });
  });

  it('ignores feeds from outside the week, and takes a regenerated day’s newest version', () => {
    const briefing = rollUpWeek(WEEK, [
      day('2026-11-15', 100),
      day('2026-11-23', 100),
      day('2026-11-18', 5),
      feed('2026-11-18', [cellInput(tiny, { [BIRMINGHAM]: { stock_days: 6 } })], new Date('2026-11-19T09:00:00Z')),
    ]);
    expect(briefing.cells[0]?.figures[0]?.series).toEqual([null, null, 6, null, null, null, null]);
  });

  it('records each change of the cell’s RAG, across missing days, with the day it changed', () => {
    const briefing = rollUpWeek(WEEK, [
      day('2026-11-16', 10), // green
      day('2026-11-17', 10), // green
      day('2026-11-18', 5), // amber
      // 19th missing: the change on the 20th is from the 18th
      day('2026-11-20', 2), // red
      day('2026-11-21', undefined), // nothing to judge
      day('2026-11-22', 8), // green
    ]);
    const cell = briefing.cells[0];
    expect(cell?.rags).toEqual(['green', 'green', 'amber', null, 'red', null, 'green']);
    expect(cell?.ragChanges).toEqual([
      { date: '2026-11-18', from: 'green', to: 'amber' },
      { date: '2026-11-20', from: 'amber', to: 'red' },
      { date: '2026-11-21', from: 'red', to: null },
      { date: '2026-11-22', from: null, to: 'green' },
    ]);
  });

  it('counts escalations opened and breached in the week once each, and open at the end of the week', () => {
    const a = feedEscalation({ id: 'a' });
    const b = feedEscalation({ id: 'b', overdue: true });
    const briefing = rollUpWeek(WEEK, [
      day('2026-11-16', 5, { escalations: { opened: [a, b], open: [a, b], breached: [] } }),
      day('2026-11-17', 5, { escalations: { opened: [], open: [b], breached: [b] } }),
      day('2026-11-18', 5, { escalations: { opened: [], open: [b], breached: [b] } }),
      day('2026-11-22', 5, { escalations: { opened: [feedEscalation({ id: 'c' })], open: [b], breached: [] } }),
    ]);
    expect(briefing.cells[0]?.escalations).toEqual({ opened: 3, breached: 1, openAtEnd: 1 });
  });

  it('given no feed for Sunday, then what was open at the end of the week is unknown', () => {
    expect(rollUpWeek(WEEK, [day('2026-11-16', 5)]).cells[0]?.escalations.openAtEnd).toBeNull();
  });

  it('gives each cell’s actions as the week’s last feed counting them left them', () => {
    const actions = (statuses: Array<'open' | 'done' | 'overdue'>) =>
      statuses.map((status, i) => ({ id: `a${String(i)}`, status, marking: 'OFFICIAL' as const, authorities: [] }));
    const briefing = rollUpWeek(WEEK, [
      day('2026-11-16', 5, { actions: actions(['open', 'open', 'open']) }),
      day('2026-11-19', 5, { actions: actions(['done', 'overdue', 'open']) }),
    ]);
    expect(briefing.cells[0]?.actions).toEqual({ open: 1, done: 1, overdue: 1 });
    // Feeds from before actions were tracked count nothing.
    const { actions: _none, ...untracked } = day('2026-11-16', 5).cells[0] ?? {};
    const old = { ...day('2026-11-16', 5), cells: [untracked as DailyFeed['cells'][number]] };
    expect(rollUpWeek(WEEK, [old]).cells[0]?.actions).toBeNull();
  });

  it('lists the week’s decisions once each, in log order', () => {
    const briefing = rollUpWeek(WEEK, [
      day('2026-11-18', 5, { decisions: [feedDecision({ id: 'd3', sequence: 3 })] }),
      day('2026-11-16', 5, {
        decisions: [feedDecision({ id: 'd1', sequence: 1 }), feedDecision({ id: 'd2', sequence: 2 })],
      }),
    ]);
    expect(briefing.cells[0]?.decisions.map((d) => d.id)).toEqual(['d1', 'd2', 'd3']);
  });

  it('given a cell that appears mid-week, then it is rolled up from the days it has, keeping its latest status', () => {
    const food = tinyCell({ slug: 'food', name: 'Food hubs', status: 'active' });
    const briefing = rollUpWeek(WEEK, [
      day('2026-11-16', 5),
      feed('2026-11-19', [cellInput(tiny, {}), cellInput(food, { [COVENTRY]: { requests: 40 } })]),
    ]);
    expect(briefing.cells.map((c) => c.slug)).toEqual(['ppe', 'food']);
    const foodWeek = briefing.cells[1];
    expect(foodWeek?.status).toBe('active');
    expect(foodWeek?.figures.find((f) => f.key === 'requests')?.series).toEqual([
      null,
      null,
      null,
      40,
      null,
      null,
      null,
    ]);
    expect(foodWeek?.ragChanges).toEqual([]);
  });

  it('given no feeds at all, then the week has its days and no cells', () => {
    expect(rollUpWeek('2026-W53', [])).toEqual({
      week: '2026-W53',
      days: ['2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02', '2027-01-03'],
      cells: [],
    });
  });

  it('refuses a week that does not exist', () => {
    expect(() => rollUpWeek('2025-W53', [])).toThrow('ISO week');
  });
});
