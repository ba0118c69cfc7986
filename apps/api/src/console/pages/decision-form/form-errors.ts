import type { z } from 'zod';
import { knownProblem } from '../../../http/error-mapping';

/** A refusal of a form: a rule's or a schema's message, at a field when it names one. */
export interface FieldProblem {
  path?: string;
  message: string;
}

/** What GOV.UK's error summary and each field's inline error message show. */
export interface FormErrors {
  summary: Array<{ text: string; href?: string }>;
  /** The inline message by field id. */
  fields: Record<string, { text: string }>;
}

export const NO_ERRORS: FormErrors = { summary: [], fields: {} };

/** Where a problem's path is on the form: the field's id and the words a person knows it by. */
export type FieldOf = (path: string) => { id: string; label: string } | undefined;

/**
 * The domain's and the schemas' messages say what is wrong with a field ("must be after decidedAt"): on
 * the page they read as a sentence about the field by its label ("Review by must be after …").
 */
export function formErrors(problems: readonly FieldProblem[], fieldOf: FieldOf): FormErrors {
  const errors: FormErrors = { summary: [], fields: {} };
  for (const problem of problems) {
    const field = problem.path === undefined ? undefined : fieldOf(problem.path);
    const text = field === undefined ? sentence(problem.message) : aboutField(field.label, problem.message);
    errors.summary.push(field === undefined ? { text } : { text, href: `#${field.id}` });
    // The first message for a field is the one shown at it (GOV.UK shows one per field).
    if (field !== undefined && errors.fields[field.id] === undefined) errors.fields[field.id] = { text };
  }
  return errors;
}

const ABOUT_THE_FIELD = /^(is|are|must|may|cannot|has|should) /;

function aboutField(label: string, message: string): string {
  return ABOUT_THE_FIELD.test(message) ? `${label} ${message}` : sentence(message);
}

function sentence(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}

/** A schema's issues as field problems, by the same paths the API's problem+json names. */
export function schemaProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

/**
 * A command's refusal that the form can show (a rule, a conflict, a permission): its status and its
 * problems. Anything else (not found, the database away, a bug) is left to the error pages.
 */
export function formRefusal(error: unknown): { status: number; problems: FieldProblem[] } | undefined {
  const problem = knownProblem(error);
  if (problem === undefined || ![400, 403, 409, 422].includes(problem.status)) return undefined;
  const errors = problem.errors ?? [];
  return { status: problem.status, problems: errors.length > 0 ? errors : [{ message: problem.detail }] };
}
