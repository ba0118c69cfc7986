import { Role, ROLES } from '@muster/contracts';
import type { Principal } from '../access/principal';
import type { Sitrep } from './sitrep';
import { canSubmitSitrep, submitSitrep, SubmitSitrepCommand, validateSitrepFigures } from './sitrep-rules';
import { BIRMINGHAM, COVENTRY, LONDON, officer, person, regional, rule, seededCell } from '@muster/builders';

const ppe = seededCell('ppe');
// 09:30 on Friday 20 November 2026 in Birmingham (GMT).
const NOW = new Date('2026-11-20T09:30:00.000Z');

/** The Birmingham officer's report for the PPE cell today, at 09:30 London time, with overrides. */
function command(overrides: Partial<SubmitSitrepCommand> = {}): SubmitSitrepCommand {
  return {
    by: officer(),
    at: NOW,
    timeZone: LONDON,
    authority: BIRMINGHAM,
    date: '2026-11-20',
    figures: { ffp3_masks_days: 4, requests_outstanding: 12 },
    ...overrides,
  };
}

const submit = (overrides: Partial<SubmitSitrepCommand> = {}, previous?: Sitrep) =>
  rule(submitSitrep).given({ cell: ppe, previous }).when(command(overrides));

describe('validateSitrepFigures', () => {
  it('given the cell’s own figures as numbers, then there is no problem', () => {
    expect(validateSitrepFigures(ppe, { ffp3_masks_days: 2.5, gloves_stock: 0 })).toEqual([]);
  });

  it('given no figures at all, then there is no problem (nothing new to say; the rest carries forward)', () => {
    expect(validateSitrepFigures(ppe, {})).toEqual([]);
  });

  it('given a key the cell does not collect, then it names the key and the cell', () => {
    expect(validateSitrepFigures(ppe, { beds_free: 3 })).toEqual([
      { path: 'figures.beds_free', message: 'is not a figure of cell ppe' },
    ]);
  });

  it.each<[string, unknown]>([
    ['a string', '4'],
    ['null', null],
    ['a boolean', true],
    ['an object', { value: 4 }],
    ['NaN', Number.NaN],
    ['infinity', Number.POSITIVE_INFINITY],
  ])('given %s, then the figure must be a number', (_, value) => {
    expect(validateSitrepFigures(ppe, { gloves_days: value })).toEqual([
      { path: 'figures.gloves_days', message: 'must be a number' },
    ]);
  });

  it('given a negative count, then it is refused', () => {
    expect(validateSitrepFigures(ppe, { gloves_stock: -1 })).toEqual([
      { path: 'figures.gloves_stock', message: 'must not be negative' },
    ]);
  });

  it('given several problems, then it reports every one', () => {
    const problems = validateSitrepFigures(ppe, { nope: 1, gloves_days: 'x', gowns_days: -2, aprons_days: 5 });
    expect(problems.map((p) => p.path)).toEqual(['figures.nope', 'figures.gloves_days', 'figures.gowns_days']);
  });

  it('treats __proto__ as just another unknown key', () => {
    const figures = JSON.parse('{"__proto__": 1}') as Record<string, unknown>;
    expect(validateSitrepFigures(ppe, figures)).toEqual([
      { path: 'figures.__proto__', message: 'is not a figure of cell ppe' },
    ]);
  });
});

describe('submitSitrep', () => {
  it('given a first submission, then it is version 1 with the submitter and time recorded', () => {
    const { state } = submit({ narrative: 'Delivery due Monday', rag: 'amber' }).decided();
    expect(state).toEqual({
      cell: 'ppe',
      authority: BIRMINGHAM,
      date: '2026-11-20',
      version: 1,
      figures: { ffp3_masks_days: 4, requests_outstanding: 12 },
      narrative: 'Delivery due Monday',
      rag: 'amber',
      submittedBy: { sub: officer().sub, name: officer().name },
      submittedAt: NOW.toISOString(),
    });
  });

  it('given a submission, then the event is sitrep.submitted for the authority, OFFICIAL', () => {
    submit({ rag: 'red', narrative: 'not in the event' }).then([
      {
        type: 'sitrep.submitted',
        cell: 'ppe',
        authority: BIRMINGHAM,
        authorities: [BIRMINGHAM],
        marking: 'OFFICIAL',
        data: {
          cell: 'ppe',
          authority: BIRMINGHAM,
          date: '2026-11-20',
          version: 1,
          rag: 'red',
          figures: { ffp3_masks_days: 4, requests_outstanding: 12 },
        },
      },
    ]);
  });

  it('given no narrative or own RAG, then neither appears', () => {
    const { state, events } = submit().decided();
    expect(state).not.toHaveProperty('narrative');
    expect(state).not.toHaveProperty('rag');
    expect(events).toHaveLength(1);
    expect(events[0]?.data).not.toHaveProperty('rag');
  });

  it('given earlier versions for the day, then a changed resubmission is the next version', () => {
    const { state: held } = submit().decided();
    expect(submit({ rag: 'red' }, held).decided().state.version).toBe(2);
    expect(submit({ rag: 'red' }, { ...held, version: 7 }).decided().state.version).toBe(8);
  });

  it('given a resubmission that repeats the latest version, then it is that version and nothing is recorded', () => {
    const { state: held } = submit({ narrative: 'Delivery due Monday', rag: 'amber' }).decided();
    const later = { at: new Date(NOW.getTime() + 60_000), narrative: 'Delivery due Monday', rag: 'amber' as const };
    expect(submit(later, held).thenNothing().state).toBe(held);
  });

  it.each([
    ['a figure', { figures: { ffp3_masks_days: 5, requests_outstanding: 12 } }],
    ['a figure left out', { figures: { ffp3_masks_days: 4 } }],
    ['a figure added', { figures: { ffp3_masks_days: 4, requests_outstanding: 12, gloves_days: 1 } }],
    ['the narrative', { narrative: 'Delivery due Tuesday' }],
    ['the narrative dropped', { narrative: undefined }],
    ['the RAG', { rag: 'red' as const }],
  ])('given a resubmission that changes %s, then it is a new version', (_, change) => {
    const { state: held } = submit({ narrative: 'Delivery due Monday', rag: 'amber' }).decided();
    const { state } = submit({ narrative: 'Delivery due Monday', rag: 'amber', ...change }, held).then([
      expect.objectContaining({ data: expect.objectContaining({ version: 2 }) }),
    ]);
    expect(state.version).toBe(2);
  });

  it('does not share the figures object with its input', () => {
    const figures = { ffp3_masks_days: 4 };
    const { state } = submitSitrep(command({ figures }), { cell: ppe, previous: undefined });
    figures.ffp3_masks_days = 99;
    expect(state.figures).toEqual({ ffp3_masks_days: 4 });
  });

  it('given bad figures, then it fails validation naming each, 400', () => {
    const refusal = submit({ figures: { beds: 1, gloves_days: '3' } }).thenRefused(
      'validation-failed',
      'figures.beds',
      'figures.gloves_days',
    );
    expect(refusal.errors).toEqual([
      { path: 'figures.beds', message: 'is not a figure of cell ppe' },
      { path: 'figures.gloves_days', message: 'must be a number' },
    ]);
  });

  it.each(['2026-11-31', '20-11-2026', '2026-11-20T00:00:00Z', ''])(
    'given the date %p, then it fails validation on date',
    (date) => {
      expect(submit({ date }).thenRefused('validation-failed').errors[0]?.path).toBe('date');
    },
  );

  it('given tomorrow’s date, then it breaks a rule on date, 422', () => {
    const refusal = submit({ date: '2026-11-21' }).thenRefused('rule-violated', 'date');
    expect(refusal.errors).toEqual([{ path: 'date', message: expect.stringContaining('future') }]);
  });

  it('given today and earlier days, then they are accepted', () => {
    expect(submit({ date: '2026-11-20' }).verdict()).toBe('ok');
    expect(submit({ date: '2026-11-02' }).verdict()).toBe('ok');
  });

  it('judges "today" in the region’s time zone, not in UTC', () => {
    // 23:30 UTC on 30 June is 00:30 on 1 July in London (BST): 1 July is today there.
    const lateJune = new Date('2026-06-30T23:30:00.000Z');
    expect(submit({ at: lateJune, date: '2026-07-01' }).verdict()).toBe('ok');
    submit({ at: lateJune, date: '2026-07-02' }).thenRefused('rule-violated', 'date');
  });

  describe('who may submit', () => {
    const table: Array<[string, Principal, 'ok' | 'forbidden']> = [
      ['the officer of that authority', officer(), 'ok'],
      ['an officer of another authority', person('authority-officer', { authority: COVENTRY }), 'forbidden'],
      ['an officer without an authority', person('authority-officer'), 'forbidden'],
      ['a regional coordinator', regional(), 'ok'],
      ...ROLES.filter((r) => r !== 'authority-officer' && r !== 'regional-coordinator').map(
        (role: Role): [string, Principal, 'forbidden'] => [`a ${role}`, person(role, { cells: ['ppe'] }), 'forbidden'],
      ),
    ];
    it.each(table)('%s: %s', (_, who, expected) => {
      expect(canSubmitSitrep(who, BIRMINGHAM)).toBe(expected === 'ok');
      expect(submit({ by: who }).verdict()).toBe(expected);
    });

    it('refuses the wrong person before looking at the figures', () => {
      submit({ by: person('mayors-office'), figures: { nope: 1 } }).thenRefused('forbidden');
    });
  });
});
