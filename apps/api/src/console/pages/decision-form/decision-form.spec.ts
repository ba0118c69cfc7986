import {
  amendmentFromForm,
  blankDecisionForm,
  decisionFromForm,
  type DecisionFormValues,
  readDecisionForm,
  valuesOfRecord,
  withRows,
} from './decision-form';
import { decisionFieldOf } from './field-of';
import { instantFromLocalInput, localInputValue } from './local-time-input';

const LONDON = 'Europe/London';

function typed(overrides: Partial<DecisionFormValues> = {}): DecisionFormValues {
  return {
    ...blankDecisionForm('Priya Shah', new Date('2026-11-22T10:05:00Z'), LONDON),
    title: 'Release the reserve',
    decision: 'Release 20,000 masks',
    rationale: 'Below two days',
    informationAvailable: 'Sitreps',
    marking: 'OFFICIAL',
    options: [
      { option: 'Release', chosen: true, notes: '' },
      { option: '', chosen: false, notes: '' },
      { option: 'Wait', chosen: false, notes: 'Too late' },
    ],
    ...overrides,
  };
}

describe('the decision form', () => {
  it('reads the flat fields of a form without JavaScript: numbered rows, repeated checkboxes, "Add another"', () => {
    const { values, add } = readDecisionForm({
      title: 'T',
      'option-1': 'Release',
      'option-1-chosen': 'chosen',
      'option-2-notes': 'only notes',
      'action-4': 'Book the courier',
      'action-4-owner': 'Jas',
      authorities: ['E08000028', 'E08000026'],
      add: 'option',
    });
    expect(add).toBe('option');
    expect(values.title).toBe('T');
    expect(values.decision).toBe('');
    expect(values.options).toEqual([
      { option: 'Release', chosen: true, notes: '' },
      { option: '', chosen: false, notes: 'only notes' },
    ]);
    expect(values.actions).toHaveLength(4);
    expect(values.actions[3]).toEqual({ action: 'Book the courier', owner: 'Jas', due: '' });
    expect(values.authorities).toEqual(['E08000028', 'E08000026']);
    expect(readDecisionForm({ authorities: 'E08000028', add: 'everything' })).toEqual({
      values: expect.objectContaining({ authorities: ['E08000028'] }),
    });
  });

  it('offers three rows of each at least, one more when asked, and never more than the API takes', () => {
    expect(withRows(typed({ options: [] })).options).toHaveLength(3);
    expect(withRows(typed(), 'option').options).toHaveLength(4);
    expect(withRows(typed(), 'action').actions).toHaveLength(4);
    const twenty = Array.from({ length: 20 }, () => ({ option: 'o', chosen: false, notes: '' }));
    expect(withRows(typed({ options: twenty }), 'option').options).toHaveLength(20);
  });

  it('becomes the API’s body: blank rows and blank optional fields left out, times read as UK wall-clock time', () => {
    const checked = decisionFromForm(
      typed({
        decidedAt: '2026-07-01T10:00',
        reviewBy: '2026-11-22T14:30',
        actions: [
          { action: '', owner: '', due: '' },
          { action: 'Book', owner: 'Jas', due: '2026-11-23T09:00' },
        ],
      }),
      LONDON,
    );
    expect(checked).toEqual({
      ok: true,
      rows: { options: [1, 3], actions: [2] },
      input: {
        title: 'Release the reserve',
        decision: 'Release 20,000 masks',
        rationale: 'Below two days',
        informationAvailable: 'Sitreps',
        options: [
          { option: 'Release', chosen: true },
          { option: 'Wait', chosen: false, notes: 'Too late' },
        ],
        decidedBy: 'Priya Shah',
        // British Summer Time in July, GMT in November.
        decidedAt: '2026-07-01T09:00:00.000Z',
        actions: [{ action: 'Book', owner: 'Jas', due: '2026-11-23T09:00:00.000Z' }],
        reviewBy: '2026-11-22T14:30:00.000Z',
        marking: 'OFFICIAL',
        authorities: [],
      },
    });
  });

  it('names each problem by the path the API would, the time and marking ones in words of its own', () => {
    const checked = decisionFromForm(
      typed({
        title: '',
        decidedAt: '22/11/2026 14:30',
        marking: '',
        options: [{ option: '', chosen: true, notes: '' }],
      }),
      LONDON,
    );
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.problems).toEqual([
      { path: 'decidedAt', message: 'must be a date and time such as 2026-11-22T14:30' },
      { path: 'marking', message: 'must be chosen' },
      { path: 'title', message: 'must not be empty' },
      { path: 'options.0.option', message: 'must not be empty' },
    ]);
  });

  it('finds a problem’s field by the row it was typed in, not its place among the kept rows', () => {
    const fieldOf = decisionFieldOf({ options: [1, 3], actions: [2] });
    expect(fieldOf('options.1.option')).toEqual({ id: 'option-3', label: 'Option 3' });
    expect(fieldOf('options.1.notes')).toEqual({ id: 'option-3-notes', label: 'Notes on option 3' });
    expect(fieldOf('options')).toEqual({ id: 'option-1', label: 'Options' });
    expect(fieldOf('actions.0.due')).toEqual({ id: 'action-2-due', label: 'Due date of action 2' });
    expect(fieldOf('actions.0.owner')).toEqual({ id: 'action-2-owner', label: 'Owner of action 2' });
    expect(fieldOf('authorities.1')).toEqual({ id: 'authorities', label: 'Authorities' });
    expect(fieldOf('changes.delayReason')).toEqual({ id: 'delayReason', label: 'Reason for the delay' });
    expect(fieldOf('changes')).toEqual({ id: 'title', label: 'The amendment' });
    expect(fieldOf('reason')).toEqual({ id: 'reason', label: 'Reason for the amendment' });
    expect(fieldOf('somethingElse')).toBeUndefined();
  });

  describe('an amendment', () => {
    const record = {
      title: 'Release the reserve',
      decision: 'Release 20,000 masks',
      rationale: 'Below two days',
      informationAvailable: 'Sitreps',
      risks: 'Reserve runs low',
      options: [{ option: 'Release', chosen: true }],
      decidedBy: 'Priya Shah',
      decidedAt: '2026-11-22T10:00:30.000Z',
      actions: [],
    };
    const current = valuesOfRecord(record, 'OFFICIAL-SENSITIVE', ['E08000028'], LONDON);

    it('starts from the record as it reads now, to the minute in UK time', () => {
      expect(current).toMatchObject({
        decidedAt: '2026-11-22T10:00',
        risks: 'Reserve runs low',
        marking: 'OFFICIAL-SENSITIVE',
        authorities: ['E08000028'],
      });
    });

    it('carries only what the person changed, with the reason, and adds authorities to those named', () => {
      const checked = amendmentFromForm(
        'Wrong number',
        { ...current, decision: 'Release 25,000 masks', authorities: ['E08000026'] },
        current,
        LONDON,
      );
      expect(checked).toEqual({
        ok: true,
        rows: { options: [1], actions: [] },
        input: {
          reason: 'Wrong number',
          changes: { decision: 'Release 25,000 masks', authorities: ['E08000028', 'E08000026'] },
        },
      });
    });

    it('keeps each tracked action’s identity through the form, so a reworded action is changed, not replaced', () => {
      const ID = '3f2a1b4c-1d2e-8f00-a123-0123456789ab';
      const withAction = valuesOfRecord(
        { ...record, actions: [{ id: ID, action: 'Arrange courier', owner: 'Jas' }] },
        'OFFICIAL',
        [],
        LONDON,
      );
      expect(withAction.actions).toEqual([{ id: ID, action: 'Arrange courier', owner: 'Jas', due: '' }]);
      const posted = readDecisionForm({
        ...Object.fromEntries(Object.entries(withAction).filter(([, v]) => typeof v === 'string')),
        'action-1-id': ID,
        'action-1': 'Arrange a courier from the hub',
        'action-1-owner': 'Jas',
        'option-1': 'Release',
        'option-1-chosen': 'on',
      }).values;
      const checked = amendmentFromForm('Reworded', posted, withAction, LONDON);
      expect(checked).toMatchObject({
        ok: true,
        input: { changes: { actions: [{ id: ID, action: 'Arrange a courier from the hub', owner: 'Jas' }] } },
      });
    });

    it('refuses to empty a field once recorded, and names it', () => {
      const checked = amendmentFromForm('Remove the risks', { ...current, risks: ' ' }, current, LONDON);
      expect(checked).toMatchObject({
        ok: false,
        problems: [{ path: 'changes.risks', message: 'cannot be emptied by an amendment: write what it now reads' }],
      });
    });

    it('reports a bad time once, at its field, and a missing reason at the reason', () => {
      const checked = amendmentFromForm('', { ...current, decidedAt: 'yesterday' }, current, LONDON);
      expect(checked).toMatchObject({
        ok: false,
        problems: [
          { path: 'changes.decidedAt', message: 'must be a date and time such as 2026-11-22T14:30' },
          { path: 'reason', message: 'must not be empty' },
        ],
      });
    });
  });
});

describe('datetime-local values in the region’s time', () => {
  it('round-trip an instant to the minute, across the clocks changing', () => {
    expect(localInputValue('2026-07-01T09:00:00.000Z', LONDON)).toBe('2026-07-01T10:00');
    expect(instantFromLocalInput('2026-07-01T10:00', LONDON)).toBe('2026-07-01T09:00:00.000Z');
    expect(instantFromLocalInput('2026-11-22 14:30', LONDON)).toBe('2026-11-22T14:30:00.000Z');
  });

  it('refuse what is not a day and a time', () => {
    for (const text of ['', '2026-02-30T10:00', '2026-11-22T24:00', '14:30', '2026-11-22T14:30:00Z'])
      expect(instantFromLocalInput(text, LONDON)).toBeUndefined();
  });
});
