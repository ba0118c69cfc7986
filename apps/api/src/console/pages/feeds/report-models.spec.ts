import type { WeeklyBriefing } from '@muster/domain';
import { hostileView } from '@muster/builders';
import { dailyReportModel } from './daily-report.model';
import { weeklyBriefingModel, weekSpan } from './weekly-briefing.model';

const ORIGIN = 'https://muster.example/region';

describe('the daily report page', () => {
  const model = dailyReportModel(hostileView('2026-11-20', 2), ORIGIN, 'Europe/London');

  it('is marked with the highest marking on it, as the body class that prints it on every page', () => {
    expect(model.marking).toEqual({
      text: 'OFFICIAL-SENSITIVE',
      bodyClasses: 'muster-report muster-report--official-sensitive',
    });
    expect(model.pageTitle).toBe('Daily report, 20 November 2026');
  });

  it('links only to console pages, from PUBLIC_URL: the board as it stood, the week’s briefing, each decision in its cell’s log', () => {
    expect(model.links).toEqual({
      board: `${ORIGIN}/?at=42`,
      weekly: { href: `${ORIGIN}/feeds/weekly/2026-W47`, text: 'Weekly briefing for week 47, 2026' },
    });
    expect(model.cells[0]?.decisions.map((d) => [d.href, d.sensitive])).toEqual([
      [`${ORIGIN}/cells/ppe/decisions/d%221`, true],
    ]);
  });

  it('words each RAG beside its colour', () => {
    expect(model.cells[0]?.authorities.map((a) => [a.rag.text, a.reported])).toEqual([
      ['Red', 'Reported'],
      ['No RAG', 'Not reported by the cut-off'],
    ]);
  });
});

describe('the weekly briefing page', () => {
  const briefing: WeeklyBriefing = {
    week: '2026-W47',
    days: ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22'],
    cells: [
      {
        slug: 'ppe',
        name: 'PPE',
        status: 'active',
        figures: [
          { key: 'stock', label: 'Stock', unit: 'days', series: [null, 4, 3, null, null, null, null], trend: 'down' },
        ],
        rags: [null, 'amber', 'red', null, null, null, null],
        ragChanges: [{ date: '2026-11-18', from: 'amber', to: 'red' }],
        escalations: { opened: 2, breached: 1, openAtEnd: null },
        actions: { open: 3, done: 2, overdue: 1 },
        decisions: [
          {
            id: 'd1',
            title: 'Release masks',
            recordedAt: '2026-11-17T10:15:00.000Z',
            sequence: 3,
            marking: 'OFFICIAL',
            authorities: [],
          },
        ],
      },
    ],
  };
  const model = weeklyBriefingModel(briefing, new Set(['2026-11-17', '2026-11-18']), ORIGIN, 'Europe/London');

  it('links only the days that have a report, and shows a dash, not a RAG, for the others', () => {
    expect(model.days.map((d) => [d.short, d.href, d.text])).toEqual([
      ['Mon 16', undefined, '16 November 2026: no report'],
      ['Tue 17', `${ORIGIN}/feeds/daily/2026-11-17`, '17 November 2026'],
      ['Wed 18', `${ORIGIN}/feeds/daily/2026-11-18`, '18 November 2026'],
      ['Thu 19', undefined, '19 November 2026: no report'],
      ['Fri 20', undefined, '20 November 2026: no report'],
      ['Sat 21', undefined, '21 November 2026: no report'],
      ['Sun 22', undefined, '22 November 2026: no report'],
    ]);
    expect(model.cells[0]?.rags.map((r) => r.text)).toEqual(['—', 'Amber', 'Red', '—', '—', '—', '—']);
  });

  it('words the figures, trends, RAG changes and escalations', () => {
    const [cell] = model.cells;
    expect(cell?.figures).toEqual([
      { label: 'Stock (days)', values: ['—', '4', '3', '—', '—', '—', '—'], trend: 'Down' },
    ]);
    expect(cell?.ragChanges).toEqual(['Amber to Red on 18 November 2026']);
    expect(cell?.escalations).toBe('2 opened, 1 breached');
    expect(cell?.actions).toBe('3 open, 2 done, 1 overdue');
    expect(cell?.decisions).toEqual([
      {
        when: '10:15 on 17 November 2026',
        title: 'Release masks',
        href: `${ORIGIN}/cells/ppe/decisions/d1`,
        sensitive: false,
      },
    ]);
    expect(model.marking.text).toBe('OFFICIAL');
  });

  it('spans its week in words', () => {
    expect(weekSpan('2026-W47')).toBe('16 to 22 November 2026');
    expect(weekSpan('2026-W49')).toBe('30 November to 6 December 2026');
    expect(weekSpan('2026-W53')).toBe('28 December 2026 to 3 January 2027');
  });
});
