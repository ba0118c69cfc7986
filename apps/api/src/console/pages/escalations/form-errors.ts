import type { z } from 'zod';
import type { ProblemFieldError } from '@muster/contracts';
import { capitalised } from './escalation-words';

/** A form field as the page names it: its element id (the error summary links there), its label, and what to say when it is empty. */
export interface FieldSpec {
  id: string;
  label: string;
  missing: string;
}

/** An error at a field (or, with no field, about the form as a whole), in GOV.UK's error summary shape. */
export interface FieldError {
  field: string | undefined;
  text: string;
  href: string;
}

/** The form's fields as typed, strings only: what the page shows again after a refusal. */
export type FormValues = Record<string, string>;

export function formValues(body: unknown, names: readonly string[]): FormValues {
  const source = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const values: FormValues = {};
  for (const name of names) {
    const value = source[name];
    if (typeof value === 'string') values[name] = value;
  }
  return values;
}

/** The typed values without the blank ones: an empty optional field is left out, as an API client would. */
export function filledIn(values: FormValues): FormValues {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value.trim() !== ''));
}

/**
 * The schema's refusals as people read them: what to do when a field was left empty, otherwise the
 * field's label before the rule it broke ("Title must be at most 200 characters"). One error per field.
 */
export function fieldErrors(
  issues: readonly z.core.$ZodIssue[],
  fields: Record<string, FieldSpec>,
  values: FormValues,
): FieldError[] {
  const errors = new Map<string, FieldError>();
  for (const issue of issues) {
    const name = String(issue.path[0] ?? '');
    const spec = fields[name];
    if (spec === undefined || errors.has(name)) continue;
    const empty = (values[name] ?? '').trim() === '';
    errors.set(name, {
      field: name,
      text: empty && spec.missing !== '' ? spec.missing : `${spec.label} ${issue.message}`,
      href: `#${spec.id}`,
    });
  }
  return [...errors.values()];
}

/** A rule's refusal (DomainError.errors) at the field it names, or about the form when no field of it is named. */
export function ruleErrors(
  problemErrors: readonly ProblemFieldError[],
  detail: string,
  fields: Record<string, FieldSpec>,
  formId: string,
): FieldError[] {
  const atFields = problemErrors.flatMap((error) => {
    const spec = fields[error.path];
    return spec === undefined ? [] : [{ field: error.path, text: capitalised(error.message), href: `#${spec.id}` }];
  });
  return atFields.length > 0 ? atFields : [{ field: undefined, text: capitalised(detail), href: `#${formId}` }];
}

/** By field, for each component's `errorMessage`. */
export function errorsByField(errors: readonly FieldError[]): Record<string, { text: string }> {
  return Object.fromEntries(
    errors.flatMap((error) => (error.field === undefined ? [] : [[error.field, { text: error.text }]])),
  );
}
