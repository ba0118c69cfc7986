import { z } from 'zod';
import { DomainError, forbidden, notFound } from '@muster/domain';
import { decisionFieldOf } from './field-of';
import { formErrors, formRefusal, schemaProblems } from './form-errors';

describe('a refused form’s errors', () => {
  const fieldOf = decisionFieldOf({ options: [1, 2], actions: [] });

  it('read as sentences about the field by its label, link to it, and show the first at each field', () => {
    const errors = formErrors(
      [
        {
          path: 'delayReason',
          message: 'is required when a decision is recorded more than 15 minutes after it was taken',
        },
        { path: 'options', message: 'at least one option must be chosen' },
        { path: 'options.1.option', message: 'must not be empty' },
        { path: 'options.1.option', message: 'must be at most 2000 characters' },
        { message: 'recording an OFFICIAL-SENSITIVE decision needs OFFICIAL-SENSITIVE clearance' },
      ],
      fieldOf,
    );
    expect(errors.summary).toEqual([
      {
        text: 'Reason for the delay is required when a decision is recorded more than 15 minutes after it was taken',
        href: '#delayReason',
      },
      { text: 'At least one option must be chosen', href: '#option-1' },
      { text: 'Option 2 must not be empty', href: '#option-2' },
      { text: 'Option 2 must be at most 2000 characters', href: '#option-2' },
      { text: 'Recording an OFFICIAL-SENSITIVE decision needs OFFICIAL-SENSITIVE clearance' },
    ]);
    expect(errors.fields).toEqual({
      delayReason: {
        text: 'Reason for the delay is required when a decision is recorded more than 15 minutes after it was taken',
      },
      'option-1': { text: 'At least one option must be chosen' },
      'option-2': { text: 'Option 2 must not be empty' },
    });
  });

  it('take a schema’s issues by the paths the API names', () => {
    const parsed = z
      .object({ options: z.array(z.object({ option: z.string().min(1, 'must not be empty') })) })
      .safeParse({ options: [{ option: 'a' }, { option: '' }] });
    expect(parsed.success ? [] : schemaProblems(parsed.error)).toEqual([
      { path: 'options.1.option', message: 'must not be empty' },
    ]);
  });

  it('come from the command’s refusals the form can show, with the API’s status; others are left to the error pages', () => {
    const rule = new DomainError('rule-violated', 'marking: must be OFFICIAL-SENSITIVE', [
      { path: 'marking', message: 'must be OFFICIAL-SENSITIVE, as the request it answers is' },
    ]);
    expect(formRefusal(rule)).toEqual({
      status: 422,
      problems: [{ path: 'marking', message: 'must be OFFICIAL-SENSITIVE, as the request it answers is' }],
    });
    expect(formRefusal(forbidden('only the lead may answer'))).toEqual({
      status: 403,
      problems: [{ message: 'only the lead may answer' }],
    });
    expect(formRefusal(new DomainError('conflict', 'the request was already decided'))).toEqual({
      status: 409,
      problems: [{ message: 'the request was already decided' }],
    });
    expect(formRefusal(notFound('decision x'))).toBeUndefined();
    expect(formRefusal(new Error('the database went away'))).toBeUndefined();
  });
});
