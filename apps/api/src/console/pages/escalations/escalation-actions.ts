import { z } from 'zod';
import type { Problem } from '@muster/contracts';
import {
  canAcknowledgeEscalation,
  canSteerEscalation,
  canUpdateEscalation,
  canWithdrawEscalation,
  type Escalation,
  isClosed,
  type Level,
  nextLevel,
  type Principal,
} from '@muster/domain';
import {
  acknowledgeBody,
  escalateBody,
  resolveBody,
  updateBody,
  withdrawBody,
} from '../../../escalations/escalation.schemas';
import { instantFromLocalInput } from '../decision-form/local-time-input';
import { INT4_MAX, queryInteger } from '../../../http/schemas';
import { holderPhrase, LEVEL_NAMES, type Names, statusTags } from './escalation-words';
import {
  type FieldError,
  type FieldSpec,
  fieldErrors,
  filledIn,
  type FormValues,
  formValues,
  ruleErrors,
} from './form-errors';

export const ACTIONS = ['acknowledge', 'escalate', 'resolve', 'update', 'withdraw'] as const;
export type EscalationAction = (typeof ACTIONS)[number];

/**
 * Each action's fields, by their names in the form: the API body's names, except where two forms would
 * share one (an update's note, a withdrawal's reason), so an error shows at its own form only.
 */
export const ACTION_FIELDS = {
  note: { id: 'acknowledge-note', label: 'Note', missing: '' },
  reason: { id: 'escalate-reason', label: 'Reason', missing: 'Enter why it needs to go up a level' },
  resolution: { id: 'resolve-resolution', label: 'Resolution', missing: 'Enter how it was resolved' },
  update: { id: 'update-note', label: 'Update', missing: 'Enter the update' },
  nextUpdateDue: { id: 'update-next', label: 'Next update due', missing: '' },
  withdrawal: { id: 'withdraw-reason', label: 'Reason', missing: 'Enter why you are withdrawing it' },
} satisfies Record<string, FieldSpec>;
type FormField = keyof typeof ACTION_FIELDS;

const FIELDS_OF: Record<EscalationAction, readonly FormField[]> = {
  acknowledge: ['note'],
  escalate: ['reason'],
  resolve: ['resolution'],
  update: ['update', 'nextUpdateDue'],
  withdraw: ['withdrawal'],
};

/** The API body's field names as each form names them. */
const FORM_NAME_OF: Partial<Record<EscalationAction, Record<string, FormField>>> = {
  update: { note: 'update', nextUpdateDue: 'nextUpdateDue' },
  withdraw: { reason: 'withdrawal' },
};
const formName = (action: EscalationAction, path: string): string => FORM_NAME_OF[action]?.[path] ?? path;

/** Which steps the policy lets this person take now: the same rules the commands apply (they still decide). */
export interface OfferedActions {
  acknowledge: boolean;
  /** The level escalating would take it to, when escalating is allowed. */
  escalateTo: Level | undefined;
  resolve: boolean;
  update: boolean;
  withdraw: boolean;
}

export function offeredActions(p: Principal, e: Escalation): OfferedActions {
  const open = !isClosed(e);
  const steer = canSteerEscalation(p, e) && open;
  return {
    acknowledge: canAcknowledgeEscalation(p, e) && e.status === 'open',
    escalateTo: steer ? nextLevel(e.level) : undefined,
    resolve: steer,
    update: canUpdateEscalation(p, e) && open,
    withdraw: canWithdrawEscalation(p, e) && open,
  };
}

/** What a step form posts: which step, the version of the escalation the page showed, and the step's text. */
const stepForm = z.object({ action: z.enum(ACTIONS), version: queryInteger(1, INT4_MAX) });

/** A step as its command takes it. */
export type Step =
  | { action: 'acknowledge'; note: string | undefined }
  | { action: 'escalate'; reason: string }
  | { action: 'resolve'; resolution: string }
  | { action: 'update'; note: string; nextUpdateDue: string | undefined }
  | { action: 'withdraw'; reason: string };

export type StepRead = { action: EscalationAction; version: number; values: FormValues } & (
  { ok: true; step: Step } | { ok: false; errors: FieldError[] }
);

/**
 * The posted step through the API's own body schemas (`Acknowledgement`, `EscalateByHand`, `Resolution`);
 * undefined when it is not one of the page's forms at all (no step or version: nothing to show it beside).
 */
export function readStepForm(body: unknown, timeZone: string): StepRead | undefined {
  const form = stepForm.safeParse(body);
  if (!form.success) return undefined;
  const { action, version } = form.data;
  const values = formValues(body, FIELDS_OF[action]);
  const parsed = parseStep(action, filledIn(values), timeZone);
  if (!parsed.ok)
    return { ok: false, action, version, values, errors: fieldErrors(parsed.issues, ACTION_FIELDS, values) };
  return { ok: true, step: parsed.step, action, version, values };
}

type Parsed = { ok: true; step: Step } | { ok: false; issues: z.core.$ZodIssue[] };

function parseStep(action: EscalationAction, filled: FormValues, timeZone: string): Parsed {
  const renamed = (issues: readonly z.core.$ZodIssue[]) =>
    issues.map((issue) => ({
      ...issue,
      path: [formName(action, String(issue.path[0] ?? '')), ...issue.path.slice(1)],
    }));
  switch (action) {
    case 'update': {
      // The next update is typed as the region's wall-clock time (a `datetime-local` field).
      const typed = filled['nextUpdateDue'];
      const nextUpdateDue = typed === undefined ? undefined : instantFromLocalInput(typed, timeZone);
      const r = updateBody.safeParse({ note: filled['update'], nextUpdateDue: nextUpdateDue ?? typed });
      if (!r.success) return { ok: false, issues: renamed(r.error.issues) };
      if (typed !== undefined && nextUpdateDue === undefined) {
        const issue = {
          code: 'custom',
          path: ['nextUpdateDue'],
          message: 'must be a date and time such as 2026-11-22T14:30',
          input: typed,
        };
        return { ok: false, issues: [issue as z.core.$ZodIssue] };
      }
      return { ok: true, step: { action, note: r.data.note, nextUpdateDue: r.data.nextUpdateDue } };
    }
    case 'withdraw': {
      const r = withdrawBody.safeParse({ reason: filled['withdrawal'] });
      return r.success
        ? { ok: true, step: { action, reason: r.data.reason } }
        : { ok: false, issues: renamed(r.error.issues) };
    }
    case 'acknowledge': {
      const r = acknowledgeBody.safeParse(filled);
      return r.success ? { ok: true, step: { action, note: r.data.note } } : { ok: false, issues: r.error.issues };
    }
    case 'escalate': {
      const r = escalateBody.safeParse(filled);
      return r.success ? { ok: true, step: { action, reason: r.data.reason } } : { ok: false, issues: r.error.issues };
    }
    case 'resolve': {
      const r = resolveBody.safeParse(filled);
      return r.success
        ? { ok: true, step: { action, resolution: r.data.resolution } }
        : { ok: false, issues: r.error.issues };
    }
  }
}

/** Where it stands now, in a few words: "acknowledged at regional level". */
export function standing(e: Escalation): string {
  const status = statusTags(e)
    .map((t) => t.text.toLowerCase())
    .join(' and ');
  return `${status} at ${LEVEL_NAMES[e.level].toLowerCase()} level`;
}

/** A page changed under the person: what they see instead of their step, with what it is now. */
export function changedFirst(e: Escalation, action: EscalationAction): FieldError[] {
  return [
    {
      field: undefined,
      text: `Someone else changed this escalation before you could ${action} it: it is now ${standing(e)}. Nothing was changed. Check it below, then try again if you still need to.`,
      href: '#escalation-summary',
    },
  ];
}

/**
 * A refused step as the person reads it, beside the escalation as it is now: who may take it (403), that
 * someone acted first (409), or the rule's own words at the field it names (400, 422).
 */
export function refusal(problem: Problem, action: EscalationAction, current: Escalation, names: Names): FieldError[] {
  if (problem.status === 403 && (action === 'update' || action === 'withdraw')) {
    const who =
      action === 'withdraw'
        ? 'only the person who raised it can'
        : `only the person who raised it or ${holderPhrase(current.level, names.cell(current.cell))} can`;
    return [
      {
        field: undefined,
        text: `You cannot ${action} this escalation: ${who}. Nothing was changed.`,
        href: `#${action}`,
      },
    ];
  }
  if (problem.status === 403) {
    const holder = holderPhrase(current.level, names.cell(current.cell));
    const who =
      action === 'acknowledge' || current.level !== 'cell'
        ? `only ${holder} can`
        : `only ${holder} or a regional coordinator can`;
    return [
      {
        field: undefined,
        text: `You cannot ${action} this escalation: ${who} while it is at ${LEVEL_NAMES[current.level].toLowerCase()} level. Nothing was changed.`,
        href: `#${action}`,
      },
    ];
  }
  if (problem.status === 409) return changedFirst(current, action);
  // The rule names the API's fields; the page shows each at the form's own field of that name.
  const fields = Object.fromEntries(
    FIELDS_OF[action].map((field) => [
      Object.entries(FORM_NAME_OF[action] ?? {}).find(([, name]) => name === field)?.[0] ?? field,
      ACTION_FIELDS[field],
    ]),
  );
  return ruleErrors(problem.errors ?? [], problem.detail, fields, action).map((error) =>
    error.field === undefined ? error : { ...error, field: formName(action, error.field) },
  );
}
