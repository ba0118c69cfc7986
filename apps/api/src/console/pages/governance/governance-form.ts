import { type Role, ROLES, type Problem } from '@muster/contracts';
import { type HandoverAssignment, OPEN_ITEM_KINDS, type OpenItemKind } from '@muster/domain';
import { z } from 'zod';
import { activationBody, standbyBody, standDownBody } from '../../../cells/cell.schemas';
import { type FieldError, type FormValues, fieldErrors, filledIn, formValues } from '../escalations/form-errors';
import { capitalised } from '../escalations/escalation-words';

export const GOVERNANCE_ACTIONS = ['stand-up', 'stand-down', 'standby'] as const;
export type GovernanceAction = (typeof GOVERNANCE_ACTIONS)[number];

/** Who takes an item, as the page names each role. */
export const ROLE_NAMES: Record<Role, string> = {
  'regional-coordinator': 'Regional coordinators',
  'cell-lead': 'The cell lead',
  'cell-member': 'The cell’s members',
  'authority-officer': 'The authority’s officers',
  'mayors-office': 'The mayor’s office',
  admin: 'Administrators',
};

export const KIND_NAMES: Record<OpenItemKind, string> = {
  escalation: 'Escalation',
  'decision-request': 'Decision request',
  action: 'Action',
};

/** Each form's reason field (one form at a time is posted, but each shows its own errors). */
export const REASON_FIELDS = {
  'stand-up': { id: 'stand-up-reason', label: 'Reason', missing: 'Enter why the cell is being stood up' },
  'stand-down': { id: 'stand-down-reason', label: 'Reason', missing: 'Enter why the cell is being stood down' },
  standby: { id: 'standby-reason', label: 'Reason', missing: 'Enter why it goes back on standby' },
} as const;
const NOTE_FIELD = { id: 'handover-note', label: 'Handover note', missing: '' };

/** A stand-down form's rows: one per open item the page showed, in order. */
const row = (i: number) => ({
  kind: `kind-${String(i)}`,
  id: `id-${String(i)}`,
  role: `role-${String(i)}`,
  person: `person-${String(i)}`,
});
const MAX_ROWS = 1_000;

const kindOf = z.enum(OPEN_ITEM_KINDS);
const roleOf = z.enum(ROLES);

export type GovernanceRead =
  | { ok: true; action: 'stand-up' | 'standby'; reason: string; values: FormValues }
  | {
      ok: true;
      action: 'stand-down';
      reason: string;
      note: string | undefined;
      assignments: HandoverAssignment[];
      /** For each assignment, the row of the form it came from (to show a refusal at its row). */
      rows: number[];
      values: FormValues;
    }
  | { ok: false; action: GovernanceAction; values: FormValues; errors: FieldError[] };

/** The posted form through the API's own body schemas; undefined when it is no form of this page at all. */
export function readGovernanceForm(body: unknown): GovernanceRead | undefined {
  const action = z.object({ action: z.enum(GOVERNANCE_ACTIONS) }).safeParse(body);
  if (!action.success) return undefined;
  const which = action.data.action;
  const rowNames = Array.from({ length: MAX_ROWS }, (_, i) => Object.values(row(i))).flat();
  const values = formValues(body, ['reason', 'note', ...rowNames]);
  const filled = filledIn(values);
  const fields = { reason: REASON_FIELDS[which], note: NOTE_FIELD };
  if (which !== 'stand-down') {
    const parsed = (which === 'stand-up' ? activationBody : standbyBody).safeParse({ reason: filled['reason'] });
    return parsed.success
      ? { ok: true, action: which, reason: parsed.data.reason, values }
      : { ok: false, action: which, values, errors: fieldErrors(parsed.error.issues, fields, values) };
  }
  const assignments: HandoverAssignment[] = [];
  const rows: number[] = [];
  for (let i = 0; values[row(i).id] !== undefined && i < MAX_ROWS; i += 1) {
    const names = row(i);
    const kind = kindOf.safeParse(values[names.kind]);
    const person = filled[names.person];
    const role = roleOf.safeParse(filled[names.role]);
    if (!kind.success) continue;
    // A person named wins over a role chosen; neither leaves the item out, and the rule says it is missing.
    const to = person !== undefined ? { sub: person } : role.success ? { role: role.data } : undefined;
    if (to === undefined) continue;
    assignments.push({ kind: kind.data, id: values[names.id] ?? '', to });
    rows.push(i);
  }
  const parsed = standDownBody.safeParse({
    reason: filled['reason'],
    ...(filled['note'] === undefined ? {} : { handoverNote: filled['note'] }),
    handover: assignments,
  });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) =>
      issue.path[0] === 'handoverNote' ? { ...issue, path: ['note'] } : issue,
    );
    return { ok: false, action: which, values, errors: fieldErrors(issues, fields, values) };
  }
  return {
    ok: true,
    action: which,
    reason: parsed.data.reason,
    note: parsed.data.handoverNote,
    assignments,
    rows,
    values,
  };
}

/**
 * A refused stand-down at the rows it is about: an item nobody takes at that item's row (found by its
 * kind and id), a repeat or unknown item at the row it came from; the rest about the form.
 */
export function governanceRefusal(
  problem: Problem,
  action: GovernanceAction,
  shown: ReadonlyArray<{ kind: string; id: string }>,
  rows: readonly number[] = [],
): FieldError[] {
  const errors = (problem.errors ?? []).map((error): FieldError => {
    const text = capitalised(error.message);
    if (error.path === 'reason') return { field: 'reason', text, href: `#${REASON_FIELDS[action].id}` };
    const at = /^handover\.(\d+)/.exec(error.path);
    const row =
      at === null ? shown.findIndex((item) => error.message.includes(`${item.kind} ${item.id}`)) : rows[Number(at[1])];
    return row === undefined || row < 0
      ? { field: undefined, text, href: `#${action}` }
      : { field: `role-${String(row)}`, text, href: `#role-${String(row)}` };
  });
  return errors.length > 0 ? errors : [{ field: undefined, text: capitalised(problem.detail), href: `#${action}` }];
}
