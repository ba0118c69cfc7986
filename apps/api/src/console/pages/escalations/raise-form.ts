import { type Marking, MARKINGS } from '@muster/contracts';
import {
  canRaiseEscalation,
  canWriteMarking,
  type Principal,
  type RaiseEscalationInput,
  SEVERITIES,
  type Severity,
} from '@muster/domain';
import { raiseBody } from '../../../escalations/escalation.schemas';
import { instantFromLocalInput } from '../decision-form/local-time-input';
import { type Option, selectOptions } from '../../view/format';
import { capitalised, durationText } from './escalation-words';
import {
  errorsByField,
  type FieldError,
  type FieldSpec,
  fieldErrors,
  filledIn,
  type FormValues,
  formValues,
} from './form-errors';

export const RAISE_FORM_ID = 'raise';

export const RAISE_FIELDS: Record<keyof RaiseEscalationInput, FieldSpec> = {
  authority: { id: 'authority', label: 'Authority', missing: 'Choose the authority it is for' },
  cell: { id: 'cell', label: 'Cell', missing: 'Choose the cell it is for' },
  title: { id: 'title', label: 'Title', missing: 'Enter a title' },
  detail: { id: 'detail', label: 'Detail', missing: 'Enter what is happening and what it affects' },
  severity: { id: 'severity', label: 'Severity', missing: 'Choose how severe it is' },
  ask: { id: 'ask', label: 'What you are asking for', missing: '' },
  marking: { id: 'marking', label: 'Marking', missing: 'Choose its protective marking' },
  neededBy: { id: 'neededBy', label: 'Answer needed by', missing: '' },
};

export type RaiseRead =
  | { ok: true; input: RaiseEscalationInput; values: FormValues }
  | { ok: false; values: FormValues; errors: FieldError[] };

/** The posted form through the API's own request schema (`EscalationInput`): the same limits, empty optional fields left out. */
export function readRaiseForm(body: unknown, timeZone: string): RaiseRead {
  const values = formValues(body, Object.keys(RAISE_FIELDS));
  const filled = filledIn(values);
  // "Answer needed by" is typed as the region's wall-clock time (a `datetime-local` field).
  const typedNeed = filled['neededBy'];
  const neededBy = typedNeed === undefined ? undefined : instantFromLocalInput(typedNeed, timeZone);
  if (typedNeed !== undefined && neededBy === undefined) {
    const spec = RAISE_FIELDS.neededBy;
    const text = `${spec.label} must be a date and time such as 2026-11-22T14:30`;
    return { ok: false, values, errors: [{ field: 'neededBy', text, href: `#${spec.id}` }] };
  }
  const parsed = raiseBody.safeParse({ ...filled, ...(neededBy !== undefined && { neededBy }) });
  if (parsed.success) return { ok: true, input: parsed.data, values };
  return { ok: false, values, errors: fieldErrors(parsed.error.issues, RAISE_FIELDS, values) };
}

const MARKING_HINTS: Record<Marking, string> = {
  OFFICIAL: 'Everyone working on the response can see it',
  'OFFICIAL-SENSITIVE':
    'Only people cleared for it see it: the cell’s people, the authority’s officers, regional coordinators and administrators',
};

interface RadioItem {
  value: string;
  text: string;
  hint?: { text: string };
  checked: boolean;
}

/** The raise form as the page shows it: only the choices this person may make, what they typed, the errors at the fields. */
export interface RaiseFormModel {
  authorityItems: Option[];
  cellItems: Option[];
  severityItems: RadioItem[];
  markingItems: RadioItem[];
  values: FormValues;
  errors: Record<string, { text: string }>;
}

export interface RaiseReference {
  cells: ReadonlyArray<{ slug: string; name: string }>;
  authorities: ReadonlyArray<{ code: string; name: string }>;
  /** Acknowledgement deadline per severity, per level (ESCALATION_ACK_SLA). */
  sla: Record<Severity, number>;
}

/**
 * Offers the authorities and cells the policy lets this person raise for (an officer, their own
 * authority, chosen already), the markings their clearance allows; undefined when they may raise nothing.
 * The command still decides: this only keeps choices off the page that it would refuse.
 */
export function raiseFormModel(
  p: Principal,
  reference: RaiseReference,
  values: FormValues = {},
  errors: readonly FieldError[] = [],
): RaiseFormModel | undefined {
  const authorities = reference.authorities.filter((a) =>
    reference.cells.some((c) => canRaiseEscalation(p, { authority: a.code, cell: c.slug })),
  );
  const cells = reference.cells.filter((c) =>
    authorities.some((a) => canRaiseEscalation(p, { authority: a.code, cell: c.slug })),
  );
  if (authorities.length === 0 || cells.length === 0) return undefined;
  const only = <T>(items: readonly T[]) => (items.length === 1 ? items[0] : undefined);
  const own = authorities.find((a) => a.code === p.authority);
  const markings = MARKINGS.filter((m) => canWriteMarking(p, m));
  return {
    authorityItems: selectOptions(
      'Choose an authority',
      '',
      authorities.map((a) => ({ value: a.code, text: a.name })),
      values['authority'] ?? own?.code ?? only(authorities)?.code ?? '',
    ),
    cellItems: selectOptions(
      'Choose a cell',
      '',
      cells.map((c) => ({ value: c.slug, text: c.name })),
      values['cell'] ?? only(cells)?.slug ?? '',
    ),
    severityItems: SEVERITIES.map((s) => ({
      value: s,
      text: capitalised(s),
      hint: { text: `Each level has ${durationText(reference.sla[s])} to acknowledge it before it goes up a level` },
      checked: values['severity'] === s,
    })),
    // A reader cleared for OFFICIAL only has one choice, made for them; otherwise the person chooses.
    markingItems: markings.map((m) => ({
      value: m,
      text: m,
      hint: { text: MARKING_HINTS[m] },
      checked: values['marking'] === m || markings.length === 1,
    })),
    values,
    errors: errorsByField(errors),
  };
}
