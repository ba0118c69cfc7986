import { Role, ROLES } from '@muster/contracts';
import { frozen, outcome } from '../escalations/escalation.fixtures';
import { DomainError } from '../shared/domain-error';
import { canSubmitSitrep, submitSitrep, SubmitSitrepInput, validateSitrepFigures } from './sitrep-rules';
import { BIRMINGHAM, birminghamOfficer, COVENTRY, LONDON, person, regional, seededCell } from './sitrep.fixtures';

const ppe = seededCell('ppe');
// 09:30 on Friday 20 November 2026 in Birmingham (GMT).
const NOW = new Date('2026-11-20T09:30:00.000Z');

function input(overrides: Partial<SubmitSitrepInput> = {}): SubmitSitrepInput {
  return { cell: ppe, authority: BIRMINGHAM, date: '2026-11-20', figures: { ffp3_masks_days: 4, requests_outstanding: 12 }, ...overrides };
}

function thrown(action: () => unknown): DomainError {
  try {
    action();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a domain error');
}

describe('validateSitrepFigures', () => {
  it('given the cell’s own figures as numbers, then there is no problem', () => {
    expect(validateSitrepFigures(ppe, { ffp3_masks_days: 2.5, gloves_stock: 0 })).toEqual([]);
  });

  it('given no figures at all, then there is no problem (nothing new to say; the rest carries forward)', () => {
    expect(validateSitrepFigures(ppe, {})).toEqual([]);
  });

  it('given a key the cell does not collect, then it names the key and the cell', () => {
    expect(validateSitrepFigures(ppe, { beds_free: 3 })).toEqual([{ path: 'figures.beds_free', message: 'is not a figure of cell ppe' }]);
  });

  it.each<[string, unknown]>([
    ['a string', '4'],
    ['null', null],
    ['a boolean', true],
    ['an object', { value: 4 }],
    ['NaN', Number.NaN],
    ['infinity', Number.POSITIVE_INFINITY],
  ])('given %s, then the figure must be a number', (_, value) => {
    expect(validateSitrepFigures(ppe, { gloves_days: value })).toEqual([{ path: 'figures.gloves_days', message: 'must be a number' }]);
  });

  it('given a negative count, then it is refused', () => {
    expect(validateSitrepFigures(ppe, { gloves_stock: -1 })).toEqual([{ path: 'figures.gloves_stock', message: 'must not be negative' }]);
  });

  it('given several problems, then it reports every one', () => {
    const problems = validateSitrepFigures(ppe, { nope: 1, gloves_days: 'x', gowns_days: -2, aprons_days: 5 });
    expect(problems.map((p) => p.path)).toEqual(['figures.nope', 'figures.gloves_days', 'figures.gowns_days']);
  });

  it('treats __proto__ as just another unknown key', () => {
    const figures = JSON.parse('{"__proto__": 1}') as Record<string, unknown>;
    expect(validateSitrepFigures(ppe, figures)).toEqual([{ path: 'figures.__proto__', message: 'is not a figure of cell ppe' }]);
  });
});

describe('submitSitrep', () => {
  const ctx = { principal: birminghamOfficer, now: NOW, previous: undefined, timeZone: LONDON };

  it('given a first submission, then it is version 1 with the submitter and time recorded', () => {
    const { sitrep } = submitSitrep(frozen(input({ narrative: 'Delivery due Monday', rag: 'amber' })), ctx);
    expect(sitrep).toEqual({
      cell: 'ppe',
      authority: BIRMINGHAM,
      date: '2026-11-20',
      version: 1,
      figures: { ffp3_masks_days: 4, requests_outstanding: 12 },
      narrative: 'Delivery due Monday',
      rag: 'amber',
      submittedBy: { sub: birminghamOfficer.sub, name: birminghamOfficer.name },
      submittedAt: NOW.toISOString(),
    });
  });

  it('given a submission, then the event is sitrep.submitted for the authority, OFFICIAL', () => {
    const { event } = submitSitrep(input({ rag: 'red', narrative: 'not in the event' }), ctx);
    expect(event).toEqual({
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
    });
  });

  it('given no narrative or own RAG, then neither appears', () => {
    const { sitrep, event } = submitSitrep(input(), ctx);
    expect(sitrep).not.toHaveProperty('narrative');
    expect(sitrep).not.toHaveProperty('rag');
    expect(event?.data).not.toHaveProperty('rag');
  });

  it('given earlier versions for the day, then a changed resubmission is the next version', () => {
    const held = submitSitrep(input(), ctx).sitrep;
    expect(submitSitrep(input({ rag: 'red' }), { ...ctx, previous: held }).sitrep.version).toBe(2);
    expect(submitSitrep(input({ rag: 'red' }), { ...ctx, previous: { ...held, version: 7 } }).sitrep.version).toBe(8);
  });

  it('given a resubmission that repeats the latest version, then it is that version and nothing is recorded', () => {
    const held = submitSitrep(input({ narrative: 'Delivery due Monday', rag: 'amber' }), ctx).sitrep;
    const later = { ...ctx, principal: birminghamOfficer, now: new Date(NOW.getTime() + 60_000), previous: held };
    const repeated = submitSitrep(input({ narrative: 'Delivery due Monday', rag: 'amber' }), later);
    expect(repeated.sitrep).toBe(held);
    expect(repeated.event).toBeUndefined();
  });

  it.each([
    ['a figure', { figures: { ffp3_masks_days: 5, requests_outstanding: 12 } }],
    ['a figure left out', { figures: { ffp3_masks_days: 4 } }],
    ['a figure added', { figures: { ffp3_masks_days: 4, requests_outstanding: 12, gloves_days: 1 } }],
    ['the narrative', { narrative: 'Delivery due Tuesday' }],
    ['the narrative dropped', { narrative: undefined }],
    ['the RAG', { rag: 'red' as const }],
  ])('given a resubmission that changes %s, then it is a new version', (_, change) => {
    const held = submitSitrep(input({ narrative: 'Delivery due Monday', rag: 'amber' }), ctx).sitrep;
    const next = submitSitrep(input({ narrative: 'Delivery due Monday', rag: 'amber', ...change }), { ...ctx, previous: held });
    expect(next.sitrep.version).toBe(2);
    expect(next.event?.data.version).toBe(2);
  });

  it('does not share the figures object with its input', () => {
    const figures = { ffp3_masks_days: 4 };
    const { sitrep } = submitSitrep(input({ figures }), ctx);
    figures.ffp3_masks_days = 99;
    expect(sitrep.figures).toEqual({ ffp3_masks_days: 4 });
  });

  it('given bad figures, then it fails validation naming each, 400', () => {
    const error = thrown(() => submitSitrep(input({ figures: { beds: 1, gloves_days: '3' } }), ctx));
    expect(error.code).toBe('validation-failed');
    expect(error.errors).toEqual([
      { path: 'figures.beds', message: 'is not a figure of cell ppe' },
      { path: 'figures.gloves_days', message: 'must be a number' },
    ]);
  });

  it.each(['2026-11-31', '20-11-2026', '2026-11-20T00:00:00Z', ''])('given the date %p, then it fails validation on date', (date) => {
    const error = thrown(() => submitSitrep(input({ date }), ctx));
    expect(error.code).toBe('validation-failed');
    expect(error.errors[0]?.path).toBe('date');
  });

  it('given tomorrow’s date, then it breaks a rule on date, 422', () => {
    const error = thrown(() => submitSitrep(input({ date: '2026-11-21' }), ctx));
    expect(error.code).toBe('rule-violated');
    expect(error.errors).toEqual([{ path: 'date', message: expect.stringContaining('future') }]);
  });

  it('given today and earlier days, then they are accepted', () => {
    expect(outcome(() => submitSitrep(input({ date: '2026-11-20' }), ctx))).toBe('ok');
    expect(outcome(() => submitSitrep(input({ date: '2026-11-02' }), ctx))).toBe('ok');
  });

  it('judges "today" in the region’s time zone, not in UTC', () => {
    // 23:30 UTC on 30 June is 00:30 on 1 July in London (BST): 1 July is today there.
    const lateJune = { ...ctx, now: new Date('2026-06-30T23:30:00.000Z') };
    expect(outcome(() => submitSitrep(input({ date: '2026-07-01' }), lateJune))).toBe('ok');
    expect(outcome(() => submitSitrep(input({ date: '2026-07-02' }), lateJune))).toBe('rule-violated');
  });

  describe('who may submit', () => {
    const table: Array<[string, ReturnType<typeof person>, 'ok' | 'forbidden']> = [
      ['the officer of that authority', birminghamOfficer, 'ok'],
      ['an officer of another authority', person('authority-officer', { authority: COVENTRY }), 'forbidden'],
      ['an officer without an authority', person('authority-officer'), 'forbidden'],
      ['a regional coordinator', regional, 'ok'],
      ...ROLES.filter((r) => r !== 'authority-officer' && r !== 'regional-coordinator').map(
        (role: Role): [string, ReturnType<typeof person>, 'forbidden'] => [`a ${role}`, person(role, { cells: ['ppe'] }), 'forbidden'],
      ),
    ];
    it.each(table)('%s: %s', (_, who, expected) => {
      expect(canSubmitSitrep(who, BIRMINGHAM)).toBe(expected === 'ok');
      expect(outcome(() => submitSitrep(input(), { ...ctx, principal: who }))).toBe(expected);
    });

    it('refuses the wrong person before looking at the figures', () => {
      const stranger = person('mayors-office');
      expect(outcome(() => submitSitrep(input({ figures: { nope: 1 } }), { ...ctx, principal: stranger }))).toBe('forbidden');
    });
  });
});
