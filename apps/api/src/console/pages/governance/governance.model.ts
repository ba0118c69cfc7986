import type { HandoverRecord } from '@muster/application';
import { canChangeGovernance, type Cell, type HandoverTaker, type OpenItem, type Principal } from '@muster/domain';
import { type Option, selectOptions, type Tag, tag, timeText } from '../../view/format';
import { errorsByField, type FieldError, type FormValues } from '../escalations/form-errors';
import { KIND_NAMES, REASON_FIELDS, ROLE_NAMES } from './governance-form';

const STATUS_TAGS: Record<Cell['status'], Tag> = {
  standby: tag('On standby', 'govuk-tag--grey'),
  active: tag('Active', 'govuk-tag--green'),
  'stood-down': tag('Stood down', 'govuk-tag--yellow'),
};

export const GOVERNANCE_DONE = ['stood-up', 'stood-down', 'standby'] as const;
export type GovernanceDone = (typeof GOVERNANCE_DONE)[number];
const DONE_TEXT: Record<GovernanceDone, string> = {
  'stood-up': 'You stood the cell up',
  'stood-down': 'You stood the cell down and recorded the handover',
  standby: 'You returned the cell to standby',
};

/** One handover as the page says it, newest first. */
export interface HandoverView {
  heading: string;
  datetime: string;
  reason: string;
  note: string | undefined;
  items: Array<{ what: string; title: string; takenBy: string }>;
}

export function takerText(to: HandoverTaker): string {
  return 'role' in to ? ROLE_NAMES[to.role] : (to.name ?? to.sub);
}

export function handoverViews(records: readonly HandoverRecord[], timeZone: string): HandoverView[] {
  return [...records].reverse().map((record) => ({
    heading: `Stood down by ${record.by}, ${timeText(record.at, timeZone)}`,
    datetime: record.at,
    reason: record.reason,
    note: record.handover.note,
    items: record.handover.items.map((item) => ({
      what: KIND_NAMES[item.kind],
      title: item.title,
      takenBy: takerText(item.to),
    })),
  }));
}

export interface HandoverRow {
  index: number;
  kind: string;
  id: string;
  what: string;
  title: string;
  roleItems: Option[];
  person: string;
}

export interface GovernanceModel {
  pageTitle: string;
  heading: string;
  cell: { slug: string; name: string };
  status: Tag;
  handovers: HandoverView[];
  forms: { standUp: boolean; standDown: { rows: HandoverRow[] } | undefined; standby: boolean };
  fields: typeof REASON_FIELDS;
  values: FormValues;
  errors: Record<string, { text: string }>;
  errorSummary: FieldError[];
  done: string | undefined;
}

export interface GovernanceState {
  done?: GovernanceDone;
  values?: FormValues;
  errors?: readonly FieldError[];
}

/** The cell's governance: its status, its handovers, and for regional coordinators the form its status allows. */
export function governanceModel(
  p: Principal,
  cell: Cell,
  handovers: readonly HandoverRecord[],
  open: readonly OpenItem[],
  timeZone: string,
  state: GovernanceState = {},
): GovernanceModel {
  const values = state.values ?? {};
  const errors = state.errors ?? [];
  const regional = canChangeGovernance(p);
  const roles = Object.entries(ROLE_NAMES).map(([value, text]) => ({ value, text }));
  return {
    pageTitle: errors.length > 0 ? `Error: ${cell.name} governance` : `${cell.name} governance`,
    heading: `${cell.name} governance`,
    cell: { slug: cell.slug, name: cell.name },
    status: STATUS_TAGS[cell.status],
    handovers: handoverViews(handovers, timeZone),
    forms: {
      standUp: regional && cell.status !== 'active',
      standDown:
        regional && cell.status === 'active'
          ? {
              rows: open.map((item, index) => ({
                index,
                kind: item.kind,
                id: item.id,
                what: KIND_NAMES[item.kind],
                title: item.title,
                roleItems: selectOptions('Choose who takes it', '', roles, values[`role-${String(index)}`] ?? ''),
                person: values[`person-${String(index)}`] ?? '',
              })),
            }
          : undefined,
      standby: regional && cell.status === 'stood-down',
    },
    fields: REASON_FIELDS,
    values,
    errors: errorsByField(errors),
    errorSummary: [...errors],
    done: state.done === undefined ? undefined : DONE_TEXT[state.done],
  };
}
