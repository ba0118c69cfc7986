import type { Authority } from '@muster/domain';
import type { DecisionFormValues } from './decision-form';
import { type FormErrors, NO_ERRORS } from './form-errors';

export interface CheckboxItem {
  value: string;
  text: string;
  checked: boolean;
  disabled?: boolean;
}

/** What `decision-fields.njk` draws: the values as typed, the errors at their fields, the choices offered. */
export interface DecisionFormModel {
  values: DecisionFormValues;
  errors: FormErrors;
  markingItems: CheckboxItem[];
  authorityItems: CheckboxItem[];
  /** An amendment keeps the original's marking, and can add authorities but not remove them. */
  amending: boolean;
  markingText: string;
}

const MARKING_ITEMS = [
  { value: 'OFFICIAL', text: 'OFFICIAL' },
  { value: 'OFFICIAL-SENSITIVE', text: 'OFFICIAL-SENSITIVE' },
];

export function decisionFormModel(
  values: DecisionFormValues,
  authorities: readonly Authority[],
  options: { errors?: FormErrors; amendingFrom?: DecisionFormValues } = {},
): DecisionFormModel {
  const fixed = new Set(options.amendingFrom?.authorities ?? []);
  return {
    values,
    errors: options.errors ?? NO_ERRORS,
    markingItems: MARKING_ITEMS.map((m) => ({ ...m, checked: values.marking === m.value })),
    authorityItems: authorities.map((a) => ({
      value: a.code,
      text: `${a.name} (${a.code})`,
      checked: fixed.has(a.code) || values.authorities.includes(a.code),
      ...(fixed.has(a.code) ? { disabled: true } : {}),
    })),
    amending: options.amendingFrom !== undefined,
    markingText: values.marking,
  };
}
