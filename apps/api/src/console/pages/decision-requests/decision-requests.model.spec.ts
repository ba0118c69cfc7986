import type { DecisionRequestView } from '@muster/application';
import { NO_ERRORS } from '../decision-form/form-errors';
import { decisionRequestsModel, type RequestsContext } from './decision-requests.model';
import { BLANK_REQUEST, openRequestFieldOf, openRequestFromForm } from './open-request-form';

const request = (overrides: Partial<DecisionRequestView> = {}): DecisionRequestView => ({
  id: 'r1',
  cell: 'ppe',
  question: 'Release the reserve?',
  dueAt: '2026-11-22T16:00:00.000Z',
  marking: 'OFFICIAL',
  status: 'open',
  requestedBy: { sub: 'jas', name: 'Jas Kaur' },
  requestedAt: '2026-11-22T10:00:00.000Z',
  version: 1,
  ...overrides,
});

const ctx = (mayAnswer: boolean): RequestsContext => ({
  cell: { slug: 'ppe', name: 'PPE' },
  authorities: [{ code: 'E08000028', name: 'Sandwell', kind: 'metropolitan-borough', validFrom: '2009-01-01' }],
  timeZone: 'Europe/London',
  mayAnswer: () => mayAnswer,
  liveTopic: 'cell:ppe',
});

const none = { items: [], more: false };

describe('the decision requests page’s model', () => {
  it('lists overdue, open and decided requests with their deadlines, words every status, and offers Answer to those who may', () => {
    const model = decisionRequestsModel(
      {
        overdue: {
          items: [
            request({
              id: 'r2',
              status: 'overdue',
              overdueAt: '2026-11-22T16:00:00.000Z',
              marking: 'OFFICIAL-SENSITIVE',
              authority: 'E08000028',
            }),
          ],
          more: false,
        },
        open: { items: [request({ context: 'Two days left\nin Sandwell', options: ['Release', 'Wait'] })], more: true },
        decided: {
          items: [request({ id: 'r3', status: 'decided', decidedAt: '2026-11-22T11:00:00.000Z' })],
          more: false,
        },
      },
      ctx(true),
      {},
    );
    expect(
      model.sections.map((s) => [
        s.id,
        s.heading,
        s.more,
        s.items.map((i) => [i.status.text, i.sensitive, i.answerHref]),
      ]),
    ).toEqual([
      ['overdue', 'Overdue', false, [['Overdue', true, '/cells/ppe/decision-requests/r2/answer']]],
      ['open', 'Open', true, [['Open', false, '/cells/ppe/decision-requests/r1/answer']]],
      ['decided', 'Decided', false, [['Decided', false, undefined]]],
    ]);
    expect(model.sections[1]?.items[0]?.rows).toEqual([
      { key: 'Needed by', lines: ['16:00 on 22 November 2026'] },
      { key: 'Asked', lines: ['10:00 on 22 November 2026 by Jas Kaur'] },
      { key: 'Context', lines: ['Two days left', 'in Sandwell'] },
      { key: 'Options', lines: ['Release', 'Wait'] },
      { key: 'Marking', lines: ['OFFICIAL'] },
    ]);
    expect(model.sections[0]?.items[0]?.rows).toContainEqual({ key: 'Authority', lines: ['Sandwell'] });
    expect(model.sections[0]?.items[0]?.rows).toContainEqual({
      key: 'Became overdue',
      lines: ['16:00 on 22 November 2026, and was escalated to regional'],
    });
    expect(model.form).toBeUndefined();
  });

  it('offers no Answer to those who may not, and the form to those who may ask', () => {
    const model = decisionRequestsModel(
      { overdue: none, open: { items: [request()], more: false }, decided: none },
      ctx(false),
      {
        form: { values: { ...BLANK_REQUEST, marking: 'OFFICIAL' }, errors: NO_ERRORS },
        banner: 'Your request was sent to the cell.',
      },
    );
    expect(model.sections[1]?.items[0]).not.toHaveProperty('answerHref');
    expect(model.form?.markingItems).toEqual([
      { value: 'OFFICIAL', text: 'OFFICIAL', checked: true },
      { value: 'OFFICIAL-SENSITIVE', text: 'OFFICIAL-SENSITIVE', checked: false },
    ]);
    expect(model.form?.authorityItems).toEqual([
      { value: '', text: 'None in particular', selected: true },
      { value: 'E08000028', text: 'Sandwell (E08000028)', selected: false },
    ]);
    expect([model.pageTitle, model.banner]).toEqual(['PPE: decision requests', 'Your request was sent to the cell.']);
  });
});

describe('the "ask for a decision" form', () => {
  it('becomes the API’s body: options one a line, the deadline in minutes or as a UK time', () => {
    expect(
      openRequestFromForm(
        {
          ...BLANK_REQUEST,
          question: 'Q?',
          options: 'Release\r\n\r\n Wait \n',
          dueInMinutes: '90',
          marking: 'OFFICIAL',
        },
        'Europe/London',
      ),
    ).toEqual({
      ok: true,
      input: { question: 'Q?', options: ['Release', 'Wait'], dueInMinutes: 90, marking: 'OFFICIAL' },
    });
    expect(
      openRequestFromForm(
        {
          ...BLANK_REQUEST,
          question: 'Q?',
          dueAt: '2026-07-01T16:00',
          marking: 'OFFICIAL-SENSITIVE',
          authority: 'E08000028',
        },
        'Europe/London',
      ),
    ).toEqual({
      ok: true,
      input: {
        question: 'Q?',
        dueAt: '2026-07-01T15:00:00.000Z',
        marking: 'OFFICIAL-SENSITIVE',
        authority: 'E08000028',
      },
    });
  });

  it('asks for the deadline one way, and names every other problem at its field', () => {
    const neither = openRequestFromForm({ ...BLANK_REQUEST, question: '' }, 'Europe/London');
    expect(neither).toEqual({
      ok: false,
      problems: [
        { path: 'dueInMinutes', message: 'Say when the decision is needed: in a number of minutes, or by a time' },
        { path: 'marking', message: 'must be chosen' },
        { path: 'question', message: 'must not be empty' },
      ],
    });
    const both = openRequestFromForm(
      { ...BLANK_REQUEST, question: 'Q', dueInMinutes: 'soon', dueAt: 'later', marking: 'OFFICIAL' },
      'Europe/London',
    );
    expect(both.ok ? [] : both.problems.map((p) => p.message)).toEqual([
      'Give either a number of minutes or a time, not both',
      'must be a whole number of minutes, such as 90',
      'must be a date and time such as 2026-11-22T14:30',
    ]);
    expect(openRequestFieldOf('options.3')).toEqual({ id: 'options', label: 'Options' });
    expect(openRequestFieldOf('dueAt')).toEqual({ id: 'dueAt', label: 'Needed by' });
    expect(openRequestFieldOf('cell')).toBeUndefined();
  });
});
