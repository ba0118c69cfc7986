import type { EscalationList } from '@muster/application';
import { type Escalation, principal } from '@muster/domain';
import { SANDWELL, SLA as sla, WALSALL } from '@muster/builders';
import { escalationListModel, listHref } from './escalation-list.model';
import { namesFrom } from './escalation-words';
import { raiseFormModel, readRaiseForm } from './raise-form';

const cells = [
  { slug: 'ppe', name: 'PPE' },
  { slug: 'food', name: 'Food hubs' },
];
const authorities = [
  { code: SANDWELL, name: 'Sandwell' },
  { code: WALSALL, name: 'Walsall' },
];
const names = namesFrom(cells, authorities, 'Europe/London');

const jas = principal({ sub: 'jas', name: 'Jas Kaur', roles: ['authority-officer'], authority: SANDWELL });
const priya = principal({ sub: 'priya', roles: ['cell-lead'], cells: ['ppe'], clearance: 'OFFICIAL-SENSITIVE' });
const sam = principal({ sub: 'sam', roles: ['regional-coordinator'], clearance: 'OFFICIAL-SENSITIVE' });
const mayor = principal({ sub: 'alex', roles: ['mayors-office'] });

const item: Escalation = {
  id: 'e1',
  authority: SANDWELL,
  cell: 'ppe',
  title: 'Oak Lodge has no FFP3 masks',
  detail: 'Two days of stock',
  severity: 'high',
  marking: 'OFFICIAL-SENSITIVE',
  raisedBy: { sub: 'jas', name: 'Jas Kaur' },
  raisedAt: '2026-11-20T10:00:00.000Z',
  level: 'national',
  status: 'open',
  ackDueAt: null,
  overdue: true,
  version: 4,
  history: [],
};

describe('the escalations page’s model', () => {
  const list: EscalationList = { items: [item], next: 'abc_-1' };
  const reference = { cells, authorities, names, now: new Date('2026-11-20T12:00:00.000Z') };

  it('shows severity, level, status, overdue and the deadline as words, each linking to its page', () => {
    const model = escalationListModel(sam, list, {}, reference, undefined);
    expect(model.items).toEqual([
      {
        href: '/escalations/e1',
        title: 'Oak Lodge has no FFP3 masks',
        tags: [{ text: 'Official-sensitive', classes: 'govuk-tag--pink' }],
        where: 'PPE, Sandwell',
        severity: { text: 'High', classes: 'govuk-tag--orange' },
        level: 'National',
        status: [
          { text: 'Open', classes: 'govuk-tag--blue' },
          { text: 'Overdue', classes: 'govuk-tag--red' },
        ],
        due: 'Missed: it is overdue at the top of the ladder',
      },
    ]);
    expect(model.pageTitle).toBe('Escalations');
  });

  it('pages on with the list’s cursor and the filter kept, back to the first page without it', () => {
    const filter = { status: 'open' as const, cell: 'ppe' };
    expect(escalationListModel(sam, list, filter, reference, undefined)).toMatchObject({
      next: '/escalations?status=open&cell=ppe&cursor=abc_-1',
      first: undefined,
    });
    const second = escalationListModel(
      sam,
      { items: [], next: null },
      { ...filter, cursor: 'abc_-1' },
      reference,
      undefined,
    );
    expect(second).toMatchObject({ next: undefined, first: '/escalations?status=open&cell=ppe' });
    expect(listHref({})).toBe('/escalations');
    expect(second.filters.status.filter((o) => o.selected).map((o) => o.text)).toEqual(['Open']);
    expect(second.filters.cell.filter((o) => o.selected).map((o) => o.text)).toEqual(['PPE']);
  });

  it('follows the filter’s cell or authority on /live when the reader may join it, else the region', () => {
    const topic = (p: typeof sam, filter: { cell?: string; authority?: string }) =>
      escalationListModel(p, list, filter, reference, undefined).live.topics;
    expect(topic(sam, {})).toBe('region');
    expect(topic(sam, { cell: 'ppe' })).toBe('cell:ppe');
    expect(topic(jas, { cell: 'ppe' })).toBe('region');
    expect(topic(jas, { cell: 'ppe', authority: SANDWELL })).toBe(`authority:${SANDWELL}`);
  });
});

describe('the raise form', () => {
  const form = (p: typeof sam, values = {}) => raiseFormModel(p, { cells, authorities, sla }, values);
  const chosen = (options: Array<{ text: string; selected: boolean }> | undefined) =>
    options?.filter((o) => o.selected).map((o) => o.text);

  it('offers an officer their own authority, chosen already, every cell, and OFFICIAL only when not cleared', () => {
    const model = form(jas);
    expect(model?.authorityItems.map((o) => o.text)).toEqual(['Choose an authority', 'Sandwell']);
    expect(chosen(model?.authorityItems)).toEqual(['Sandwell']);
    expect(model?.cellItems.map((o) => o.text)).toEqual(['Choose a cell', 'PPE', 'Food hubs']);
    expect(chosen(model?.cellItems)).toEqual(['Choose a cell']);
    expect(model?.markingItems).toEqual([
      {
        value: 'OFFICIAL',
        text: 'OFFICIAL',
        hint: { text: 'Everyone working on the response can see it' },
        checked: true,
      },
    ]);
    expect(model?.severityItems.map((s) => [s.text, s.hint?.text, s.checked])).toEqual([
      ['Critical', 'Each level has 15 minutes to acknowledge it before it goes up a level', false],
      ['High', 'Each level has 1 hour to acknowledge it before it goes up a level', false],
      ['Medium', 'Each level has 4 hours to acknowledge it before it goes up a level', false],
      ['Low', 'Each level has 1 day to acknowledge it before it goes up a level', false],
    ]);
  });

  it('offers a cell lead their cell for any authority, a cleared person both markings unchosen, and nobody else a form', () => {
    const model = form(priya);
    expect(model?.authorityItems.map((o) => o.text)).toEqual(['Choose an authority', 'Sandwell', 'Walsall']);
    expect(chosen(model?.cellItems)).toEqual(['PPE']);
    expect(model?.markingItems.map((m) => [m.value, m.checked])).toEqual([
      ['OFFICIAL', false],
      ['OFFICIAL-SENSITIVE', false],
    ]);
    expect(form(mayor)).toBeUndefined();
    expect(form(principal({ sub: 'admin', roles: ['admin'] }))).toBeUndefined();
  });

  it('shows again what was typed and chosen', () => {
    const model = form(sam, {
      authority: WALSALL,
      cell: 'food',
      title: 'T',
      severity: 'low',
      marking: 'OFFICIAL-SENSITIVE',
    });
    expect(chosen(model?.authorityItems)).toEqual(['Walsall']);
    expect(chosen(model?.cellItems)).toEqual(['Food hubs']);
    expect(model?.severityItems.filter((s) => s.checked).map((s) => s.value)).toEqual(['low']);
    expect(model?.markingItems.filter((s) => s.checked).map((s) => s.value)).toEqual(['OFFICIAL-SENSITIVE']);
    expect(model?.values['title']).toBe('T');
  });

  it('reads the form through the API’s schema, leaving out an empty ask', () => {
    const body = {
      _csrf: 'x',
      authority: SANDWELL,
      cell: 'ppe',
      title: 'No masks',
      detail: 'Two days',
      severity: 'high',
      ask: ' ',
      marking: 'OFFICIAL',
    };
    expect(readRaiseForm(body, 'Europe/London')).toEqual({
      ok: true,
      input: {
        authority: SANDWELL,
        cell: 'ppe',
        title: 'No masks',
        detail: 'Two days',
        severity: 'high',
        marking: 'OFFICIAL',
      },
      values: {
        authority: SANDWELL,
        cell: 'ppe',
        title: 'No masks',
        detail: 'Two days',
        severity: 'high',
        ask: ' ',
        marking: 'OFFICIAL',
      },
    });
  });

  it('says at each field what is missing or wrong, in order, linking to it', () => {
    const read = readRaiseForm(
      { authority: '', cell: 'ppe', title: 'x'.repeat(201), detail: '', marking: 'SECRET' },
      'Europe/London',
    );
    expect(read.ok).toBe(false);
    expect(read.ok ? [] : read.errors).toEqual([
      { field: 'authority', text: 'Choose the authority it is for', href: '#authority' },
      { field: 'title', text: 'Title must be at most 200 characters', href: '#title' },
      { field: 'detail', text: 'Enter what is happening and what it affects', href: '#detail' },
      { field: 'severity', text: 'Choose how severe it is', href: '#severity' },
      { field: 'marking', text: expect.stringMatching(/^Marking /), href: '#marking' },
    ]);
    expect(read.values).toEqual({ authority: '', cell: 'ppe', title: 'x'.repeat(201), detail: '', marking: 'SECRET' });
  });
});
