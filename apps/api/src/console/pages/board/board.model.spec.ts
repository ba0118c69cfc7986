import type { BoardView } from '@muster/application';
import type { Cell } from '@muster/domain';
import { boardModel } from './board.model';

const ppe = {
  slug: 'ppe',
  name: 'PPE',
  figures: [
    { key: 'ffp3_masks_days', label: 'FFP3 masks', unit: 'days', carriesForward: true },
    { key: 'requests_outstanding', label: 'Requests outstanding', unit: '', carriesForward: false },
  ],
} as unknown as Cell;

function view(overrides: Partial<BoardView> = {}): BoardView {
  return {
    asOf: { seq: 12, at: '2026-11-20T10:32:00.000Z' },
    date: '2026-11-20',
    cells: [
      {
        slug: 'ppe',
        name: 'PPE',
        status: 'active',
        rag: 'red',
        authorities: [
          { code: 'E08000028', name: 'Sandwell', rag: 'red', stale: false, reportedFor: '2026-11-20', figures: { ffp3_masks_days: 1.5, requests_outstanding: 1200 }, carried: [] },
          { code: 'E08000030', name: 'Walsall', rag: null, stale: true, reportedFor: null, figures: {}, carried: [] },
          { code: 'E08000031', name: 'Wolverhampton', rag: 'amber', stale: true, reportedFor: '2026-11-19', figures: { ffp3_masks_days: 6 }, carried: ['ffp3_masks_days'] },
        ],
      },
    ],
    escalations: [
      { id: 'e1', title: 'Oak Lodge', severity: 'critical', level: 'regional', status: 'open', overdue: true, ackDueAt: '2026-11-20T11:00:00.000Z', cell: 'ppe', authority: 'E08000028', marking: 'OFFICIAL-SENSITIVE' },
    ],
    decisionRequests: [{ id: 'r1', question: 'Release the reserve?', dueAt: '2026-11-20T12:00:00.000Z', status: 'open', cell: 'ppe', marking: 'OFFICIAL' }],
    ...overrides,
  };
}

const reference = {
  cells: [ppe],
  moments: [{ seq: 9, at: '2026-11-20T09:05:00.000Z', id: 'd1', cell: 'ppe', title: 'Adopt the red threshold', marking: 'OFFICIAL' as const }],
  timeZone: 'Europe/London',
};

describe('the board page’s model', () => {
  it('puts the word beside every colour: RAG, status and staleness are tags with text', () => {
    const model = boardModel(view(), reference, {});
    const cell = model.cells[0];
    expect(cell?.rag).toEqual({ text: 'Red', classes: 'govuk-tag--red' });
    expect(cell?.status).toEqual({ text: 'Active', classes: 'govuk-tag--blue' });
    expect(cell?.authorities.map((a) => [a.name, a.rag.text, a.stale, a.reportedFor])).toEqual([
      ['Sandwell', 'Red', false, '20 November 2026'],
      ['Walsall', 'No RAG', true, 'Never'],
      ['Wolverhampton', 'Amber', true, '19 November 2026'],
    ]);
    expect(cell?.staleCount).toBe(2);
  });

  it('lays figures out by the cell’s own list, saying which were carried forward', () => {
    const cell = boardModel(view(), reference, {}).cells[0];
    expect(cell?.figureLabels).toEqual(['FFP3 masks (days)', 'Requests outstanding']);
    expect(cell?.authorities.map((a) => a.figures)).toEqual([
      [{ text: '1.5', carried: false }, { text: '1,200', carried: false }],
      [{ text: '—', carried: false }, { text: '—', carried: false }],
      [{ text: '6', carried: true }, { text: '—', carried: false }],
    ]);
  });

  it('names where each escalation and request is, marks the sensitive ones, and times them in the region', () => {
    const model = boardModel(view(), reference, {});
    expect(model.escalations).toEqual([
      { title: 'Oak Lodge', where: 'PPE, Sandwell', severity: 'Critical', level: 'Regional', status: { text: 'Overdue', classes: 'govuk-tag--red' }, due: '11:00 on 20 November 2026', sensitive: true },
    ]);
    expect(model.requests).toEqual([
      { question: 'Release the reserve?', where: 'PPE', due: '12:00 on 20 November 2026', status: { text: 'Open', classes: 'govuk-tag--blue' }, sensitive: false },
    ]);
  });

  it('follows /live now, and not as it stood at a decision, which it names in the form', () => {
    const now = boardModel(view(), reference, { cell: 'ppe' });
    expect(now).toMatchObject({ heading: 'Board: PPE', asOf: 'Now, for 20 November 2026', historic: false, live: { topics: 'region', cell: 'ppe' } });
    expect(now.cellOptions.filter((o) => o.selected).map((o) => o.text)).toEqual(['PPE']);
    const then = boardModel(view({ asOf: { seq: 9, at: '2026-11-20T09:05:00.000Z' } }), reference, { at: 10 });
    expect(then).toMatchObject({ heading: 'Board', asOf: 'As it stood at 09:05 on 20 November 2026', historic: true });
    expect(then.live).toBeUndefined();
    expect(then.momentOptions).toEqual([
      { value: '', text: 'Now', selected: false },
      { value: '9', text: '09:05 on 20 November 2026: PPE, Adopt the red threshold', selected: true },
    ]);
    expect(then.pageTitle).toBe('Board');
  });
});
