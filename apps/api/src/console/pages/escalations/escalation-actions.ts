import { z } from 'zod';
import type { Problem } from '@muster/contracts';
import {
  canAcknowledgeEscalation,
  canSteerEscalation,
  type Escalation,
  isClosed,
  type Level,
  nextLevel,
  type Principal,
} from '@muster/domain';
import { acknowledgeBody, escalateBody, resolveBody } from '../../../escalations/escalation.schemas';
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

export const ACTIONS = ['acknowledge', 'escalate', 'resolve'] as const;
export type EscalationAction = (typeof ACTIONS)[number];

/** Each action's one text field, by its name in the form and in the API's body. */
export const ACTION_FIELDS = {
  note: { id: 'acknowledge-note', label: 'Note', missing: '' },
  reason: { id: 'escalate-reason', label: 'Reason', missing: 'Enter why it needs to go up a level' },
  resolution: { id: 'resolve-resolution', label: 'Resolution', missing: 'Enter how it was resolved' },
} satisfies Record<string, FieldSpec>;

const FIELD_OF: Record<EscalationAction, keyof typeof ACTION_FIELDS> = {
  acknowledge: 'note',
  escalate: 'reason',
  resolve: 'resolution',
};

/** Which steps the policy lets this person take now: the same rules the commands apply (they still decide). */
export interface OfferedActions {
  acknowledge: boolean;
  /** The level escalating would take it to, when escalating is allowed. */
  escalateTo: Level | undefined;
  resolve: boolean;
}

export function offeredActions(p: Principal, e: Escalation): OfferedActions {
  const steer = canSteerEscalation(p, e) && !isClosed(e);
  return {
    acknowledge: canAcknowledgeEscalation(p, e) && e.status === 'open',
    escalateTo: steer ? nextLevel(e.level) : undefined,
    resolve: steer,
  };
}

/** What a step form posts: which step, the version of the escalation the page showed, and the step's text. */
const stepForm = z.object({ action: z.enum(ACTIONS), version: queryInteger(1, INT4_MAX) });

/** A step as its command takes it. */
export type Step =
  | { action: 'acknowledge'; note: string | undefined }
  | { action: 'escalate'; reason: string }
  | { action: 'resolve'; resolution: string };

export type StepRead = { action: EscalationAction; version: number; values: FormValues } & (
  { ok: true; step: Step } | { ok: false; errors: FieldError[] }
);

/**
 * The posted step through the API's own body schemas (`Acknowledgement`, `EscalateByHand`, `Resolution`);
 * undefined when it is not one of the page's forms at all (no step or version: nothing to show it beside).
 */
export function readStepForm(body: unknown): StepRead | undefined {
  const form = stepForm.safeParse(body);
  if (!form.success) return undefined;
  const { action, version } = form.data;
  const values = formValues(body, [FIELD_OF[action]]);
  const parsed = parseStep(action, filledIn(values));
  if (!parsed.ok)
    return { ok: false, action, version, values, errors: fieldErrors(parsed.issues, ACTION_FIELDS, values) };
  return { ok: true, step: parsed.step, action, version, values };
}

type Parsed = { ok: true; step: Step } | { ok: false; issues: z.core.$ZodIssue[] };

function parseStep(action: EscalationAction, filled: FormValues): Parsed {
  switch (action) {
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
  const field = FIELD_OF[action];
  return ruleErrors(problem.errors ?? [], problem.detail, { [field]: ACTION_FIELDS[field] }, action);
}
