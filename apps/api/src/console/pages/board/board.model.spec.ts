import type { BoardView } from '@muster/application';
import { boardModel } from './board.model';

const ppe = { slug: 'ppe', name: 'PPE' };

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
        actions: { open: 2, done: 1, overdue: 1 },
        figures: [
          { key: 'ffp3_masks_days', label: 'FFP3 masks', unit: 'days' },
          { key: 'requests_outstanding', label: 'Requests outstanding', unit: '' },
        ],
        authorities: [
          {
            code: 'E08000028',
            name: 'Sandwell',
            rag: 'red',
            stale: false,
            reportedFor: '2026-11-20',
            figures: { ffp3_masks_days: 1.5, requests_outstanding: 1200 },
            carried: [],
          },
          { code: 'E08000030', name: 'Walsall', rag: null, stale: true, reportedFor: null, figures: {}, carried: [] },
          {
            code: 'E08000031',
            name: 'Wolverhampton',
            rag: 'amber',
            stale: true,
            reportedFor: '2026-11-19',
            figures: { ffp3_masks_days: 6 },
            carried: ['ffp3_masks_days'],
          },
        ],
      },
    ],
    escalations: [
      {
        id: 'e1',
        title: 'Oak Lodge',
        severity: 'critical',
        level: 'regional',
        status: 'open',
        overdue: true,
        ackDueAt: '2026-11-20T11:00:00.000Z',
        cell: 'ppe',
        authority: 'E08000028',
        marking: 'OFFICIAL-SENSITIVE',
      },
    ],
    decisionRequests: [
      {
        id: 'r1',
        question: 'Release the reserve?',
        dueAt: '2026-11-20T12:00:00.000Z',
        status: 'open',
        cell: 'ppe',
        marking: 'OFFICIAL',
      },
    ],
    ...overrides,
  };
}

const reference = {
  cells: [ppe],
  moments: [
    {
      seq: 9,
      at: '2026-11-20T09:05:00.000Z',
      id: 'd1',
      cell: 'ppe',
      title: 'Adopt the red threshold',
      marking: 'OFFICIAL' as const,
    },
  ],
  timeZone: 'Europe/London',
};

describe('the board page’s model', () => {
  it('puts the word beside every colour: RAG, status and staleness are tags with text', () => {
    const model = boardModel(view(), reference, {});
    const cell = model.cells[0];
    expect(cell?.rag).toEqual({ text: 'Red', classes: 'govuk-tag--red' });
    expect(cell?.status).toEqual({ text: 'Active', classes: 'govuk-tag--blue' });
    expect(cell?.staleCount).toBe(2);
    expect(cell?.actions).toEqual({ text: 'Actions: 2 open, 1 done, 1 overdue', overdue: true });
    expect(cell?.figureLabels).toEqual(['FFP3 masks (days)', 'Requests outstanding']);
    expect(cell?.rows).toBe(
      '<tr><th scope="row">Sandwell</th><td><strong class="govuk-tag govuk-tag--red">Red</strong></td><td>20 November 2026</td><td>1.5</td><td>1,200</td></tr>' +
        '<tr><th scope="row">Walsall</th><td><strong class="govuk-tag govuk-tag--grey">No RAG</strong></td><td>Never <strong class="govuk-tag govuk-tag--yellow">Stale</strong></td><td>—</td><td>—</td></tr>' +
        '<tr><th scope="row">Wolverhampton</th><td><strong class="govuk-tag govuk-tag--orange">Amber</strong></td><td>19 November 2026 <strong class="govuk-tag govuk-tag--yellow">Stale</strong></td>' +
        '<td>6<span class="muster-carried"> (carried forward)</span></td><td>—</td></tr>',
    );
  });

  it('escapes what it writes into the rows', () => {
    const hostile = view();
    const first = hostile.cells[0]?.authorities[0];
    if (first !== undefined) first.name = '<script>alert("x")</script> & Co';
    expect(boardModel(hostile, reference, {}).cells[0]?.rows).toContain(
      '<th scope="row">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co</th>',
    );
  });

  it('names where each escalation and request is, marks the sensitive ones, and times them in the region', () => {
    const model = boardModel(view(), reference, {});
    expect(model.escalations).toEqual([
      {
        title: 'Oak Lodge',
        href: '/escalations/e1',
        where: 'PPE, Sandwell',
        severity: 'Critical',
        level: 'Regional',
        status: { text: 'Overdue', classes: 'govuk-tag--red' },
        due: '11:00 on 20 November 2026',
        sensitive: true,
      },
    ]);
    expect(model.requests).toEqual([
      {
        question: 'Release the reserve?',
        href: '/cells/ppe/decision-requests#request-r1',
        where: 'PPE',
        due: '12:00 on 20 November 2026',
        status: { text: 'Open', classes: 'govuk-tag--blue' },
        sensitive: false,
      },
    ]);
  });

  it('follows /live now, and not as it stood at a decision, which it names in the form', () => {
    const now = boardModel(view(), reference, { cell: 'ppe' });
    expect(now).toMatchObject({
      heading: 'Board: PPE',
      asOf: 'Now, for 20 November 2026',
      historic: false,
      live: { topics: 'region', cell: 'ppe' },
    });
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
