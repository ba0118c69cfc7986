import type { z } from 'zod';
import type { Marking } from '@muster/contracts';
import type { DecisionRecord } from '@muster/domain';
import { amendmentBody, decisionBody } from '../../../decisions/decision.schemas';
import { type FieldProblem, schemaProblems } from './form-errors';
import { instantFromLocalInput, localInputValue } from './local-time-input';

/*
 * The JESIP Joint Decision Model form as people fill it in: flat fields (a form without JavaScript has no
 * arrays), a fixed number of option and action rows with blank rows ignored, times in the region's wall
 * clock. It becomes the API's request body and is checked by the API's own schema, so a form and a
 * client are refused alike, at the same paths.
 */

export interface OptionRow {
  option: string;
  chosen: boolean;
  notes: string;
}

export interface ActionRow {
  /** The tracked action an amended row is (a hidden field), so editing its text keeps its identity. */
  id?: string;
  action: string;
  owner: string;
  due: string;
}

/** Everything as typed, to put back in the form when it is refused. */
export interface DecisionFormValues {
  title: string;
  decision: string;
  rationale: string;
  informationAvailable: string;
  risks: string;
  powersAndPolicy: string;
  decidedBy: string;
  decidedAt: string;
  delayReason: string;
  reviewBy: string;
  marking: string;
  authorities: string[];
  options: OptionRow[];
  actions: ActionRow[];
}

/** Rows offered when the form opens; "Add another" posts back for one more, up to the schema's bound. */
export const OPTION_ROWS = 3;
export const ACTION_ROWS = 3;
const MAX_OPTION_ROWS = 20;
const MAX_ACTION_ROWS = 50;

const TEXT_FIELDS = [
  'title',
  'decision',
  'rationale',
  'informationAvailable',
  'risks',
  'powersAndPolicy',
  'decidedBy',
  'decidedAt',
  'delayReason',
  'reviewBy',
  'marking',
] as const;

export const FIELD_LABELS: Record<string, string> = {
  title: 'Title',
  decision: 'Decision',
  rationale: 'Rationale',
  informationAvailable: 'Information available',
  risks: 'Risks',
  powersAndPolicy: 'Powers and policy',
  options: 'Options',
  decidedBy: 'Decided by',
  decidedAt: 'Decided at',
  delayReason: 'Reason for the delay',
  actions: 'Actions',
  reviewBy: 'Review by',
  marking: 'Marking',
  authorities: 'Authorities',
  reason: 'Reason for the amendment',
};

type FormBody = Record<string, unknown>;

const field = (body: FormBody, name: string): string => {
  const value = body[name];
  return typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : '';
};

const list = (body: FormBody, name: string): string[] => {
  const value = body[name];
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
};

/** How many rows of a repeated group the form sent: the highest row number that has any field. */
function rowsSent(body: FormBody, prefix: string, max: number): number {
  let rows = 0;
  for (const key of Object.keys(body)) {
    const match = new RegExp(`^${prefix}-(\\d{1,3})(?:-|$)`).exec(key);
    if (match !== null) rows = Math.max(rows, Number(match[1]));
  }
  return Math.min(rows, max);
}

/** The form's fields as typed; "Add another option/action" (`add`) asks for one more row. */
export function readDecisionForm(body: unknown): { values: DecisionFormValues; add?: 'option' | 'action' } {
  const form: FormBody = typeof body === 'object' && body !== null ? (body as FormBody) : {};
  const text = Object.fromEntries(TEXT_FIELDS.map((name) => [name, field(form, name)])) as Record<
    (typeof TEXT_FIELDS)[number],
    string
  >;
  const optionCount = rowsSent(form, 'option', MAX_OPTION_ROWS);
  const actionCount = rowsSent(form, 'action', MAX_ACTION_ROWS);
  const values: DecisionFormValues = {
    ...text,
    authorities: list(form, 'authorities'),
    options: Array.from({ length: optionCount }, (_, i) => ({
      option: field(form, `option-${i + 1}`),
      chosen: field(form, `option-${i + 1}-chosen`) !== '',
      notes: field(form, `option-${i + 1}-notes`),
    })),
    actions: Array.from({ length: actionCount }, (_, i) => ({
      ...(field(form, `action-${i + 1}-id`) === '' ? {} : { id: field(form, `action-${i + 1}-id`) }),
      action: field(form, `action-${i + 1}`),
      owner: field(form, `action-${i + 1}-owner`),
      due: field(form, `action-${i + 1}-due`),
    })),
  };
  const add = field(form, 'add');
  return add === 'option' || add === 'action' ? { values, add } : { values };
}

/** The rows the form shows: at least the usual number, one spare after what is filled, one more when asked. */
export function withRows(values: DecisionFormValues, add?: 'option' | 'action'): DecisionFormValues {
  const options = [...values.options];
  const actions = [...values.actions];
  const pad = <T>(rows: T[], blank: () => T, least: number, max: number, more: boolean) => {
    while (rows.length < least) rows.push(blank());
    if (more && rows.length < max) rows.push(blank());
  };
  pad(options, () => ({ option: '', chosen: false, notes: '' }), OPTION_ROWS, MAX_OPTION_ROWS, add === 'option');
  pad(actions, () => ({ action: '', owner: '', due: '' }), ACTION_ROWS, MAX_ACTION_ROWS, add === 'action');
  return { ...values, options, actions };
}

/** Which form row each kept option and action came from, so a problem at `options.1` is shown at its row. */
export interface RowNumbers {
  options: number[];
  actions: number[];
}

const blank = (text: string) => text.trim() === '';
const optional = (text: string) => (blank(text) ? undefined : text.trim());

interface Drafted {
  body: Record<string, unknown>;
  rows: RowNumbers;
  problems: FieldProblem[];
}

/** The record's fields as the API takes them; blank optional fields and blank rows left out. */
function draftRecord(values: DecisionFormValues, timeZone: string): Drafted {
  const problems: FieldProblem[] = [];
  const time = (path: string, value: string, required: boolean): string | undefined => {
    if (blank(value)) {
      if (required) problems.push({ path, message: 'must not be empty' });
      return undefined;
    }
    const instant = instantFromLocalInput(value, timeZone);
    if (instant === undefined) problems.push({ path, message: 'must be a date and time such as 2026-11-22T14:30' });
    return instant;
  };
  const rows: RowNumbers = { options: [], actions: [] };
  const options = values.options.flatMap((row, i) => {
    if (blank(row.option) && blank(row.notes) && !row.chosen) return [];
    rows.options.push(i + 1);
    return [
      { option: row.option.trim(), chosen: row.chosen, ...(blank(row.notes) ? {} : { notes: row.notes.trim() }) },
    ];
  });
  const actions = values.actions.flatMap((row, i) => {
    if (blank(row.action) && blank(row.owner) && blank(row.due)) return [];
    rows.actions.push(i + 1);
    const due = time(`actions.${rows.actions.length - 1}.due`, row.due, false);
    return [
      {
        ...(row.id === undefined ? {} : { id: row.id }),
        action: row.action.trim(),
        owner: row.owner.trim(),
        ...(due === undefined ? {} : { due }),
      },
    ];
  });
  const body: Record<string, unknown> = {
    title: values.title.trim(),
    decision: values.decision.trim(),
    rationale: values.rationale.trim(),
    informationAvailable: values.informationAvailable.trim(),
    risks: optional(values.risks),
    powersAndPolicy: optional(values.powersAndPolicy),
    options,
    decidedBy: optional(values.decidedBy),
    decidedAt: time('decidedAt', values.decidedAt, true),
    delayReason: optional(values.delayReason),
    actions,
    reviewBy: time('reviewBy', values.reviewBy, false),
  };
  return { body, rows, problems };
}

export type Checked<T> =
  { ok: true; input: T; rows: RowNumbers } | { ok: false; problems: FieldProblem[]; rows: RowNumbers };

/** Our own problems first; the schema's only for the fields we did not already speak about. */
function checked<S extends z.ZodType>(schema: S, drafted: Drafted, prefix = ''): Checked<z.infer<S>> {
  const parsed = schema.safeParse(drafted.body);
  const ours = drafted.problems.map((p) => ({ ...p, path: `${prefix}${p.path ?? ''}` }));
  const theirs = parsed.success ? [] : schemaProblems(parsed.error).filter((p) => !ours.some((o) => o.path === p.path));
  if (parsed.success && ours.length === 0) return { ok: true, input: parsed.data, rows: drafted.rows };
  return { ok: false, problems: [...ours, ...theirs], rows: drafted.rows };
}

/** A new decision (or a request's answer): the API's `DecisionInput`, or the problems at their fields. */
export function decisionFromForm(values: DecisionFormValues, timeZone: string): Checked<z.infer<typeof decisionBody>> {
  const drafted = draftRecord(values, timeZone);
  if (values.marking === '') drafted.problems.push({ path: 'marking', message: 'must be chosen' });
  drafted.body['marking'] = values.marking === '' ? undefined : values.marking;
  drafted.body['authorities'] = values.authorities;
  return checked(decisionBody, drafted);
}

/**
 * An amendment: the fields that now read differently from the current reading, with the reason. An
 * amendment appends and never erases, so a field once recorded cannot be emptied: the person is asked
 * to write what it now reads. Authorities can only be added.
 */
export function amendmentFromForm(
  reason: string,
  values: DecisionFormValues,
  current: DecisionFormValues,
  timeZone: string,
): Checked<z.infer<typeof amendmentBody>> {
  const now = draftRecord(values, timeZone);
  const before = draftRecord(current, timeZone).body;
  const changes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(now.body)) {
    if (JSON.stringify(value) === JSON.stringify(before[key]) || now.problems.some((p) => p.path === key)) continue;
    if (value === undefined || value === '')
      now.problems.push({ path: key, message: 'cannot be emptied by an amendment: write what it now reads' });
    else changes[key] = value;
  }
  const added = values.authorities.filter((code) => !current.authorities.includes(code));
  if (added.length > 0) changes['authorities'] = [...current.authorities, ...added];
  const drafted: Drafted = { body: { reason: reason.trim(), changes }, rows: now.rows, problems: now.problems };
  return checked(amendmentBody, drafted, 'changes.');
}

/** A blank form: decided now, by the person recording it. */
export function blankDecisionForm(
  decidedBy: string,
  now: Date,
  timeZone: string,
  marking: Marking | '' = '',
): DecisionFormValues {
  return withRows({
    title: '',
    decision: '',
    rationale: '',
    informationAvailable: '',
    risks: '',
    powersAndPolicy: '',
    decidedBy,
    decidedAt: localInputValue(now.toISOString(), timeZone),
    delayReason: '',
    reviewBy: '',
    marking,
    authorities: [],
    options: [],
    actions: [],
  });
}

/** A recorded decision as the form shows it, for an amendment to start from. */
export function valuesOfRecord(
  record: DecisionRecord,
  marking: Marking,
  authorities: readonly string[],
  timeZone: string,
): DecisionFormValues {
  const local = (iso: string | undefined) => (iso === undefined ? '' : localInputValue(iso, timeZone));
  return {
    title: record.title,
    decision: record.decision,
    rationale: record.rationale,
    informationAvailable: record.informationAvailable,
    risks: record.risks ?? '',
    powersAndPolicy: record.powersAndPolicy ?? '',
    decidedBy: record.decidedBy,
    decidedAt: local(record.decidedAt),
    delayReason: record.delayReason ?? '',
    reviewBy: local(record.reviewBy),
    marking,
    authorities: [...authorities],
    options: record.options.map((o) => ({ option: o.option, chosen: o.chosen, notes: o.notes ?? '' })),
    actions: record.actions.map((a) => ({
      ...(a.id === undefined ? {} : { id: a.id }),
      action: a.action,
      owner: a.owner,
      due: local(a.due),
    })),
  };
}
