import type { PersonView } from '@muster/application';
import { type ContactDetails, NOTIFIED_SEVERITIES, type NotifiedSeverityLevel } from '@muster/domain';
import { contactsBody } from '../../../people/people.schemas';
import {
  errorsByField,
  type FieldError,
  type FieldSpec,
  fieldErrors,
  filledIn,
  type FormValues,
  formValues,
} from '../escalations/form-errors';

export const CONTACT_FORM_ID = 'contact';

/** The channels a person can be reached on (a signed webhook is a council system's, not a person's). */
const PERSON_CHANNELS = [
  { value: 'email', text: 'Email' },
  { value: 'sms', text: 'Text message' },
  { value: 'teams', text: 'Microsoft Teams' },
] as const;
const NONE = 'none';

const SEVERITY_NAMES: Record<NotifiedSeverityLevel, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

export const CONTACT_FIELDS: Record<string, FieldSpec> = {
  email: { id: 'email', label: 'Email address', missing: '' },
  mobile: { id: 'mobile', label: 'Mobile number', missing: '' },
  teamsWebhook: { id: 'teamsWebhook', label: 'Teams workflow webhook', missing: '' },
  ...Object.fromEntries(
    NOTIFIED_SEVERITIES.map((s) => [
      `preferences-${s}`,
      { id: `preferences-${s}`, label: `${SEVERITY_NAMES[s]} escalations`, missing: '' },
    ]),
  ),
};

export type ContactRead =
  | { ok: true; contacts: ContactDetails }
  | { ok: false; values: FormValues; chosen: Partial<Record<NotifiedSeverityLevel, string[]>>; errors: FieldError[] };

const TEXT_FIELDS = ['email', 'mobile', 'teamsWebhook'];

/** Checkboxes posted once come as a string, several times as an array. */
function ticked(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/**
 * The posted form through the API's own request schema (`ContactDetailsInput`): blank fields left out,
 * and per severity the channels ticked, "do not notify me" as none, or nothing ticked as every channel.
 */
export function readContactForm(body: unknown): ContactRead {
  const values = formValues(body, TEXT_FIELDS);
  const source = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const chosen: Partial<Record<NotifiedSeverityLevel, string[]>> = {};
  const both: FieldError[] = [];
  for (const severity of NOTIFIED_SEVERITIES) {
    const boxes = ticked(source[`preferences-${severity}`]);
    if (boxes.length === 0) continue;
    chosen[severity] = boxes;
    if (boxes.includes(NONE) && boxes.length > 1) {
      both.push({
        field: `preferences-${severity}`,
        text: `${SEVERITY_NAMES[severity]} escalations: choose channels or “Do not notify me”, not both`,
        href: `#preferences-${severity}`,
      });
    }
  }
  const preferences = Object.fromEntries(
    Object.entries(chosen).map(([severity, boxes]) => [severity, boxes.includes(NONE) ? [] : boxes]),
  );
  const input = { ...filledIn(values), ...(Object.keys(preferences).length > 0 && { preferences }) };
  const parsed = contactsBody.safeParse(input);
  if (parsed.success && both.length === 0) return { ok: true, contacts: parsed.data };
  const issues = parsed.success ? [] : parsed.error.issues.map(atField);
  return { ok: false, values, chosen, errors: [...fieldErrors(issues, CONTACT_FIELDS, values), ...both] };
}

/** A preference's issue is the severity's field (`preferences-critical`), as the form names it. */
function atField<I extends { path: PropertyKey[] }>(issue: I): I {
  const [first, severity] = issue.path;
  return first === 'preferences' && typeof severity === 'string'
    ? { ...issue, path: [`preferences-${severity}`] }
    : issue;
}

export interface ContactModel {
  pageTitle: string;
  formId: string;
  values: FormValues;
  severities: Array<{ id: string; legend: string; items: unknown[]; error: { text: string } | false }>;
  errors: Record<string, { text: string }>;
  errorSummary: FieldError[] | undefined;
  banner: string | undefined;
}

/** The page: the details held (or what was typed, after a refusal), one set of checkboxes per severity. */
export function contactModel(
  person: PersonView,
  state: { saved?: boolean; refused?: Extract<ContactRead, { ok: false }> } = {},
): ContactModel {
  const refused = state.refused;
  const values: FormValues = refused?.values ?? {
    email: person.email ?? '',
    mobile: person.mobile ?? '',
    teamsWebhook: person.teamsWebhook ?? '',
  };
  const errors = refused === undefined ? {} : errorsByField(refused.errors);
  const severities = NOTIFIED_SEVERITIES.map((severity) => {
    const held = person.preferences[severity];
    const boxes = refused?.chosen[severity] ?? (held === undefined ? [] : held.length === 0 ? [NONE] : held);
    return {
      id: `preferences-${severity}`,
      legend: `${SEVERITY_NAMES[severity]} escalations`,
      items: [
        ...PERSON_CHANNELS.map((c) => ({ value: c.value, text: c.text, checked: boxes.includes(c.value) })),
        { divider: 'or' },
        { value: NONE, text: 'Do not notify me', behaviour: 'exclusive', checked: boxes.includes(NONE) },
      ],
      error: errors[`preferences-${severity}`] ?? (false as const),
    };
  });
  return {
    pageTitle: 'Your contact details',
    formId: CONTACT_FORM_ID,
    values,
    severities,
    errors,
    errorSummary: refused?.errors,
    banner: state.saved === true ? 'Your contact details are saved.' : undefined,
  };
}
