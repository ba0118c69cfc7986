import type { Marking } from '@muster/contracts';
import { buildFeedCell, DailyFeed, feedEscalations, feedTotals, forReader } from './daily-feed';
import {
  BIRMINGHAM,
  cellInput,
  COVENTRY,
  DUDLEY,
  feed,
  feedDecision,
  feedEscalation,
  frozen,
  LONDON,
  REGION,
  SANDWELL,
  seededCell,
  SOLIHULL,
  tinyCell,
  WALSALL,
  WOLVERHAMPTON,
} from '@muster/builders';

const DATE = '2026-11-20';
const tiny = tinyCell();
const totalOf = (key: string, totals: ReturnType<typeof feedTotals>) => totals.find((t) => t.key === key);

describe('feed totals', () => {
  it('given days of supply, then the region is as well supplied as its worst-off authority, not the sum', () => {
    const ppe = seededCell('ppe');
    const totals = feedTotals(
      cellInput(
        ppe,
        {
          [BIRMINGHAM]: { ffp3_masks_days: 6, ffp3_masks_stock: 100 },
          [COVENTRY]: { ffp3_masks_days: 2, ffp3_masks_stock: 50 },
        },
        {
          [BIRMINGHAM]: { ffp3_masks_days: 7 },
          [COVENTRY]: { ffp3_masks_days: 4 },
        },
      ),
    );
    expect(totalOf('ffp3_masks_days', totals)).toMatchObject({ aggregate: 'min', value: 2, previous: 4, change: -2 });
    expect(totalOf('ffp3_masks_stock', totals)).toMatchObject({ aggregate: 'sum', value: 150 });
  });

  it('given every authority reported both days, then the total is the regional sum and change the difference', () => {
    const totals = feedTotals(
      cellInput(
        tiny,
        { [BIRMINGHAM]: { requests: 10 }, [COVENTRY]: { requests: 5 } },
        { [BIRMINGHAM]: { requests: 4 }, [COVENTRY]: { requests: 6 } },
      ),
    );
    expect(totalOf('requests', totals)).toEqual({
      key: 'requests',
      label: 'Requests',
      unit: 'requests',
      aggregate: 'sum',
      value: 15,
      previous: 10,
      change: 5,
    });
  });

  it('given a fall, then the change is negative', () => {
    const totals = feedTotals(cellInput(tiny, { [BIRMINGHAM]: { requests: 2 } }, { [BIRMINGHAM]: { requests: 9 } }));
    expect(totalOf('requests', totals)).toMatchObject({ value: 2, previous: 9, change: -7 });
  });

  it('given one authority silent, then it is left out of the sum, not counted as zero', () => {
    const totals = feedTotals(
      cellInput(
        tiny,
        { [BIRMINGHAM]: { requests: 10 } },
        { [BIRMINGHAM]: { requests: 4 }, [COVENTRY]: { requests: 6 } },
      ),
    );
    expect(totalOf('requests', totals)).toMatchObject({ value: 10, previous: 10, change: 0 });
  });

  it('given nobody has a figure today, then its value and change are null', () => {
    const totals = feedTotals(cellInput(tiny, {}, { [BIRMINGHAM]: { requests: 4 } }));
    expect(totalOf('requests', totals)).toMatchObject({ value: null, previous: 4, change: null });
  });

  it('given nobody had a figure yesterday, then previous and change are null', () => {
    const totals = feedTotals(cellInput(tiny, { [BIRMINGHAM]: { requests: 4 } }));
    expect(totalOf('requests', totals)).toMatchObject({ value: 4, previous: null, change: null });
  });

  it('given real zeros, then they are values: 0 total, 0 change', () => {
    const totals = feedTotals(cellInput(tiny, { [BIRMINGHAM]: { requests: 0 } }, { [BIRMINGHAM]: { requests: 0 } }));
    expect(totalOf('requests', totals)).toMatchObject({ value: 0, previous: 0, change: 0 });
  });

  it('includes carried figures, as the effective figures given', () => {
    // Coventry did not report today but its stock carries forward, so the input already holds it.
    const totals = feedTotals(cellInput(tiny, { [BIRMINGHAM]: { stock_days: 4 }, [COVENTRY]: { stock_days: 6 } }));
    expect(totalOf('stock_days', totals)?.value).toBe(10);
  });

  it('keeps the cell’s figure order and lists every figure, even with no values', () => {
    const totals = feedTotals(cellInput(seededCell('ppe'), {}));
    expect(totals.map((t) => t.key)).toEqual(seededCell('ppe').figures.map((f) => f.key));
    expect(totals.every((t) => t.value === null && t.change === null)).toBe(true);
  });

  it('does not show binary rounding noise', () => {
    const totals = feedTotals(
      cellInput(
        tiny,
        { [BIRMINGHAM]: { stock_days: 0.1 }, [COVENTRY]: { stock_days: 0.2 } },
        { [BIRMINGHAM]: { stock_days: 0.1 } },
      ),
    );
    expect(totalOf('stock_days', totals)).toMatchObject({ value: 0.3, previous: 0.1, change: 0.2 });
  });

  it('totals only the region’s authorities', () => {
    const totals = feedTotals(cellInput(tiny, { [BIRMINGHAM]: { requests: 1 }, E99999999: { requests: 1000 } }));
    expect(totalOf('requests', totals)?.value).toBe(1);
  });
});

describe('feed cell: RAG and staleness', () => {
  const ctx = { date: DATE, generatedAt: new Date('2026-11-21T07:00:00Z'), timeZone: LONDON };

  it('given reports from some authorities, then each has its RAG and the silent ones are stale', () => {
    const input = cellInput(
      tiny,
      {
        [BIRMINGHAM]: { stock_days: 10 },
        [COVENTRY]: { stock_days: 5 },
        [SANDWELL]: { stock_days: 1 },
        [WALSALL]: { requests: 1 },
      },
      {},
      {},
      { [WALSALL]: 'amber' },
    );
    const cell = buildFeedCell(input, ctx);
    expect(cell.authorities.map((a) => [a.code, a.rag, a.stale])).toEqual([
      [BIRMINGHAM, 'green', false],
      [COVENTRY, 'amber', false],
      [DUDLEY, null, true],
      [SANDWELL, 'red', false],
      [SOLIHULL, null, true],
      [WALSALL, 'amber', false],
      [WOLVERHAMPTON, null, true],
    ]);
    expect(cell.rag).toBe('red');
    expect(cell.stale).toEqual([DUDLEY, SOLIHULL, WOLVERHAMPTON]);
  });

  it('given a silent authority with carried figures, then it is stale but still judged on what is carried', () => {
    const input = cellInput(tiny, {}, {}, { figures: new Map([[DUDLEY, { stock_days: 2 }]]) });
    const dudley = buildFeedCell(input, ctx).authorities.find((a) => a.code === DUDLEY);
    expect(dudley).toEqual({ code: DUDLEY, name: 'Dudley', rag: 'red', stale: true });
  });

  it('given an on-demand feed for today before the cut-off, then nobody is stale yet', () => {
    const early = buildFeedCell(cellInput(tiny, {}), { ...ctx, generatedAt: new Date('2026-11-20T09:00:00Z') });
    expect(early.stale).toEqual([]);
    expect(early.rag).toBeNull();
  });

  it('carries the cell’s name, status and log head', () => {
    const input = cellInput(
      seededCell('ppe', { status: 'active' }),
      {},
      {},
      { head: { sequence: 12, hash: 'ab'.repeat(32) } },
    );
    const cell = buildFeedCell(input, ctx);
    expect(cell).toMatchObject({
      slug: 'ppe',
      name: 'PPE',
      status: 'active',
      head: { sequence: 12, hash: 'ab'.repeat(32) },
    });
  });
});

describe('feed cell: escalations and decisions', () => {
  const ctx = { date: DATE, generatedAt: new Date('2026-11-21T07:00:00Z'), timeZone: LONDON };

  it('merges the day’s lists into one item per escalation and counts each list', () => {
    const a = feedEscalation({ id: 'a', raisedAt: '2026-11-20T09:00:00Z' });
    const b = feedEscalation({ id: 'b', raisedAt: '2026-11-18T09:00:00Z', level: 'regional', overdue: true });
    const c = feedEscalation({ id: 'c', raisedAt: '2026-11-20T10:00:00Z', status: 'resolved' });
    const items = feedEscalations({ opened: [a, c], open: [a, b], breached: [b] });
    expect(items.map((i) => [i.id, i.openedToday, i.openAtEnd, i.breached])).toEqual([
      ['b', false, true, true],
      ['a', true, true, false],
      ['c', true, false, false],
    ]);
    const cell = buildFeedCell(
      cellInput(tiny, {}, {}, { escalations: { opened: [a, c], open: [a, b], breached: [b] } }),
      ctx,
    );
    expect(cell.escalations).toMatchObject({ opened: 2, open: 2, breached: 1 });
    expect(cell.escalations.items).toHaveLength(3);
  });

  it('counts the cell’s actions at the end of the day, dropped ones listed but not counted; readers see theirs', () => {
    const action = (id: string, status: 'open' | 'done' | 'dropped' | 'overdue', marking: Marking = 'OFFICIAL') => ({
      id,
      status,
      marking,
      authorities: [SANDWELL],
    });
    const actions = [
      action('a1', 'open'),
      action('a2', 'done'),
      action('a3', 'overdue'),
      action('a4', 'dropped'),
      action('a5', 'overdue', 'OFFICIAL-SENSITIVE'),
    ];
    const cell = buildFeedCell(cellInput(tiny, {}, {}, { actions }), ctx);
    expect(cell.actions).toMatchObject({ open: 1, done: 1, overdue: 2 });
    expect(cell.actions?.items).toHaveLength(5);
    const day: DailyFeed = { date: DATE, region: REGION, generatedAt: ctx.generatedAt.toISOString(), cells: [cell] };
    const uncleared = forReader(day, (item) => item.marking === 'OFFICIAL');
    expect(uncleared.cells[0]?.actions).toMatchObject({ open: 1, done: 1, overdue: 1 });
    // A feed published before actions were tracked stays without them.
    const { actions: _none, ...before } = cell;
    expect(forReader({ ...day, cells: [before] }, () => true).cells[0]?.actions).toBeUndefined();
  });

  it('lists the day’s decisions in log order with their marking', () => {
    const decisions = [
      feedDecision({ id: 'd2', sequence: 8 }),
      feedDecision({ id: 'd1', sequence: 7, marking: 'OFFICIAL-SENSITIVE' }),
    ];
    const cell = buildFeedCell(cellInput(tiny, {}, {}, { decisions }), ctx);
    expect(cell.decisions.map((d) => [d.id, d.sequence, d.marking])).toEqual([
      ['d1', 7, 'OFFICIAL-SENSITIVE'],
      ['d2', 8, 'OFFICIAL'],
    ]);
  });
});

describe('buildDailyFeed', () => {
  it('given the day’s cells, then it is dated, stamped and holds each cell in order, leaving its inputs untouched', () => {
    const inputs = frozen([
      cellInput(seededCell('ppe'), { [BIRMINGHAM]: { ffp3_masks_days: 4 } }),
      cellInput(seededCell('food'), {}),
    ]);
    const daily = feed(DATE, inputs, new Date('2026-11-21T07:00:00Z'));
    expect(daily.date).toBe(DATE);
    expect(daily.region).toEqual(REGION);
    expect(daily.generatedAt).toBe('2026-11-21T07:00:00.000Z');
    expect(daily.cells.map((c) => [c.slug, c.rag])).toEqual([
      ['ppe', 'amber'],
      ['food', null],
    ]);
  });

  it('is plain JSON: it survives a round trip unchanged', () => {
    const daily = feed(DATE, [
      cellInput(
        tiny,
        { [BIRMINGHAM]: { stock_days: 4 } },
        {},
        { escalations: { opened: [feedEscalation()], open: [], breached: [] } },
      ),
    ]);
    expect(JSON.parse(JSON.stringify(daily))).toEqual(daily);
  });
});
