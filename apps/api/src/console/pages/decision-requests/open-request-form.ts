import type { z } from 'zod';
import { openBody } from '../../../decision-requests/decision-request.schemas';
import { type FieldOf, type FieldProblem, schemaProblems } from '../decision-form/form-errors';
import { instantFromLocalInput } from '../decision-form/local-time-input';

/** The "ask for a decision" form as typed. Options are one a line (a form without JavaScript has no arrays). */
export interface OpenRequestValues {
  question: string;
  context: string;
  options: string;
  dueInMinutes: string;
  dueAt: string;
  marking: string;
  authority: string;
}

const FIELDS = ['question', 'context', 'options', 'dueInMinutes', 'dueAt', 'marking', 'authority'] as const;

export const REQUEST_LABELS: Record<(typeof FIELDS)[number], string> = {
  question: 'Question',
  context: 'Context',
  options: 'Options',
  dueInMinutes: 'Minutes until it is needed',
  dueAt: 'Needed by',
  marking: 'Marking',
  authority: 'Authority',
};

export const BLANK_REQUEST: OpenRequestValues = {
  question: '',
  context: '',
  options: '',
  dueInMinutes: '',
  dueAt: '',
  marking: '',
  authority: '',
};

export function readOpenRequestForm(body: unknown): OpenRequestValues {
  const form = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  return Object.fromEntries(
    FIELDS.map((name) => [name, typeof form[name] === 'string' ? form[name] : '']),
  ) as unknown as OpenRequestValues;
}

type OpenInput = z.infer<typeof openBody>;

/**
 * The API's `DecisionRequestInput`, checked by the API's schema; the deadline is given one way, in whole
 * minutes or as a time (the domain says the same, in the API's field names).
 */
export function openRequestFromForm(
  values: OpenRequestValues,
  timeZone: string,
): { ok: true; input: OpenInput } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const minutes = values.dueInMinutes.trim();
  const time = values.dueAt.trim();
  if (minutes === '' && time === '')
    problems.push({
      path: 'dueInMinutes',
      message: 'Say when the decision is needed: in a number of minutes, or by a time',
    });
  if (minutes !== '' && time !== '')
    problems.push({ path: 'dueInMinutes', message: 'Give either a number of minutes or a time, not both' });
  if (minutes !== '' && !/^\d{1,6}$/.test(minutes))
    problems.push({ path: 'dueInMinutes', message: 'must be a whole number of minutes, such as 90' });
  const dueAt = time === '' ? undefined : instantFromLocalInput(time, timeZone);
  if (time !== '' && dueAt === undefined)
    problems.push({ path: 'dueAt', message: 'must be a date and time such as 2026-11-22T14:30' });
  if (values.marking === '') problems.push({ path: 'marking', message: 'must be chosen' });
  const options = values.options
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const body = {
    question: values.question.trim(),
    ...(values.context.trim() === '' ? {} : { context: values.context.trim() }),
    ...(options.length === 0 ? {} : { options }),
    ...(/^\d{1,6}$/.test(minutes) ? { dueInMinutes: Number(minutes) } : {}),
    ...(dueAt === undefined ? {} : { dueAt }),
    marking: values.marking === '' ? undefined : values.marking,
    ...(values.authority === '' ? {} : { authority: values.authority }),
  };
  const parsed = openBody.safeParse(body);
  const theirs = parsed.success
    ? []
    : schemaProblems(parsed.error).filter((p) => !problems.some((o) => o.path === p.path));
  if (parsed.success && problems.length === 0) return { ok: true, input: parsed.data };
  return { ok: false, problems: [...problems, ...theirs] };
}

export const openRequestFieldOf: FieldOf = (path) => {
  const head = path.split('.')[0] ?? '';
  if (!Object.hasOwn(REQUEST_LABELS, head)) return undefined;
  return { id: head, label: REQUEST_LABELS[head as keyof typeof REQUEST_LABELS] };
};
