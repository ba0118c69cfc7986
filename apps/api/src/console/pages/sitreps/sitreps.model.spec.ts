import type { SitrepReturn, SitrepReturns } from '@muster/application';
import { sitrepsModel, unchangedFigures } from './sitreps.model';

const figures = [
  { key: 'ffp3_masks_days', label: 'FFP3 masks: days of supply', unit: 'days', carriesForward: true },
  { key: 'requests_outstanding', label: 'PPE requests outstanding', unit: 'requests', carriesForward: false },
];
const cell = (slug: string, name: string) => ({
  slug,
  name,
  status: 'active' as const,
  figures,
  sitrepCutoff: '10:00',
});

const due: SitrepReturn = {
  cell: cell('ppe', 'PPE'),
  state: 'due',
  cutoffAt: '2026-11-20T10:00:00.000Z',
  figures: { ffp3_masks_days: { value: 4, reportedOn: '2026-11-19' } },
  ownRag: { rag: 'amber', reportedOn: '2026-11-19' },
};
const done: SitrepReturn = {
  cell: cell('food', 'Food hubs'),
  state: 'done',
  cutoffAt: '2026-11-20T10:00:00.000Z',
  sent: {
    cell: 'food',
    authority: 'E08000028',
    date: '2026-11-20',
    version: 2,
    figures: { ffp3_masks_days: 3, requests_outstanding: 12 },
    submittedBy: { sub: 'jas', name: 'Jas Kaur' },
    submittedAt: '2026-11-20T09:12:00.000Z',
  },
  figures: {
    ffp3_masks_days: { value: 3, reportedOn: '2026-11-20' },
    requests_outstanding: { value: 12, reportedOn: '2026-11-20' },
  },
  ownRag: { rag: 'red', reportedOn: '2026-11-18' },
};
const late: SitrepReturn = {
  ...due,
  cell: cell('shielding', 'Shielding'),
  state: 'late',
  figures: {},
  ownRag: undefined,
};
const returns: SitrepReturns = {
  date: '2026-11-20',
  authority: { code: 'E08000028', name: 'Sandwell' },
  returns: [due, done, late],
};

describe('the returns page', () => {
  const model = sitrepsModel(returns, { timeZone: 'Europe/London' });

  it('says which returns are done and which are due before the cut-off, or late', () => {
    expect(model.heading).toBe('Returns for Sandwell');
    expect(model.dateText).toBe('20 November 2026');
    expect(model.done).toBe(1);
    expect(model.tasks.map((t) => [t.title.text, t.status.tag.text])).toEqual([
      ['PPE', 'Due by 10:00'],
      ['Food hubs', 'Done'],
      ['Shielding', 'Late: due by 10:00'],
    ]);
    expect(model.forms[1]?.summary).toBe('Sent at 09:12 on 20 November 2026 by Jas Kaur (version 2).');
  });

  it('fills each figure with what the board shows, labelled with its unit and marked as carried from its day', () => {
    const [ppe] = model.forms;
    expect(ppe?.figures.map((f) => [f.id, f.name, f.label, f.unit, f.value, f.hint])).toEqual([
      [
        'ppe-ffp3_masks_days',
        'figures.ffp3_masks_days',
        'FFP3 masks: days of supply',
        'days',
        '4',
        'Carried forward from 19 November 2026',
      ],
      [
        'ppe-requests_outstanding',
        'figures.requests_outstanding',
        'PPE requests outstanding',
        'requests',
        '',
        'Not reported yet',
      ],
    ]);
    expect(model.forms[1]?.figures.map((f) => f.hint)).toEqual(['As sent for this day', 'As sent for this day']);
  });

  it('offers "Submit unchanged" until the day’s return is in, when there are figures to carry', () => {
    expect(model.forms.map((f) => f.unchangedOffered)).toEqual([true, false, false]);
    expect(unchangedFigures(due)).toEqual({ ffp3_masks_days: 4 });
  });

  it('offers the last RAG before the day’s return, and the return’s own (even none) after it', () => {
    const chosen = (i: number) => model.forms[i]?.rag.items.find((item) => item.checked)?.value;
    expect([chosen(0), chosen(1), chosen(2)]).toEqual(['amber', '', '']);
    expect(model.forms[0]?.rag.hint).toBe('Your last assessment was Amber on 19 November 2026.');
  });

  it('shows a refusal at its fields with what was typed, and an error summary linking to each', () => {
    const refused = sitrepsModel(returns, {
      timeZone: 'Europe/London',
      refused: {
        cell: 'ppe',
        errors: [{ path: 'figures.ffp3_masks_days', message: 'must not be negative' }],
        input: { figures: { ffp3_masks_days: '-2' }, narrative: 'x', rag: '' },
      },
    });
    expect(refused.pageTitle).toBe('Error: Sitreps');
    const [ppe] = refused.forms;
    expect(ppe?.figures[0]).toMatchObject({ value: '-2', error: 'must not be negative' });
    expect(ppe?.errorSummary).toEqual([
      { text: 'FFP3 masks: days of supply must not be negative', href: '#ppe-ffp3_masks_days' },
    ]);
    expect(refused.forms[1]?.errorSummary).toBeUndefined();
  });

  it('says which return was just sent', () => {
    expect(sitrepsModel(returns, { timeZone: 'Europe/London', sent: 'food' }).banner).toBe(
      'Food hubs return sent for 20 November 2026 (version 2).',
    );
  });
});
