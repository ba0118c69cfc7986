import type { DecisionRequestView } from '@muster/application';
import type { Authority, Cell, DecisionRequestStatus } from '@muster/domain';
import { tag, type Tag, timeText } from '../../view/format';
import type { CheckboxItem } from '../decision-form/decision-form.model';
import type { FormErrors } from '../decision-form/form-errors';
import type { OpenRequestValues } from './open-request-form';

export interface RequestModel {
  id: string;
  question: string;
  status: Tag;
  sensitive: boolean;
  rows: Array<{ key: string; lines: string[] }>;
  answerHref?: string;
}

export interface RequestSection {
  id: DecisionRequestStatus;
  heading: string;
  empty: string;
  items: RequestModel[];
  /** More than a page of them: the rest are there, soonest deadline first, in the API. */
  more: boolean;
}

export interface DecisionRequestsModel {
  pageTitle: string;
  heading: string;
  cell: { slug: string; name: string };
  banner?: string;
  sections: RequestSection[];
  /** The "ask for a decision" form, when this person may ask. */
  form?: {
    values: OpenRequestValues;
    errors: FormErrors;
    markingItems: CheckboxItem[];
    authorityItems: Array<{ value: string; text: string; selected: boolean }>;
  };
  live: { topics: string; cell: string };
}

export type RequestsByStatus = Record<DecisionRequestStatus, { items: readonly DecisionRequestView[]; more: boolean }>;

const STATUS_TAGS: Record<DecisionRequestStatus, Tag> = {
  overdue: tag('Overdue', 'govuk-tag--red'),
  open: tag('Open', 'govuk-tag--blue'),
  decided: tag('Decided', 'govuk-tag--green'),
};

const SECTIONS: Array<{ id: DecisionRequestStatus; heading: string; empty: string }> = [
  { id: 'overdue', heading: 'Overdue', empty: 'No request is overdue.' },
  { id: 'open', heading: 'Open', empty: 'No request is waiting for a decision.' },
  { id: 'decided', heading: 'Decided', empty: 'No request has been decided yet.' },
];

export interface RequestsContext {
  cell: Pick<Cell, 'slug' | 'name'>;
  authorities: readonly Authority[];
  timeZone: string;
  /** Whether this person may answer this request (the lead of the cell or regional, with need to know). */
  mayAnswer: (request: DecisionRequestView) => boolean;
  liveTopic: string;
}

export function decisionRequestsModel(
  requests: RequestsByStatus,
  ctx: RequestsContext,
  options: { banner?: string; form?: { values: OpenRequestValues; errors: FormErrors } },
): DecisionRequestsModel {
  const form = options.form;
  return {
    pageTitle: `${form !== undefined && form.errors.summary.length > 0 ? 'Error: ' : ''}${ctx.cell.name}: decision requests`,
    heading: `${ctx.cell.name}: decision requests`,
    cell: { slug: ctx.cell.slug, name: ctx.cell.name },
    ...(options.banner === undefined ? {} : { banner: options.banner }),
    sections: SECTIONS.map((section) => ({
      id: section.id,
      heading: section.heading,
      empty: section.empty,
      more: requests[section.id].more,
      items: requests[section.id].items.map((r) => requestModel(r, ctx)),
    })),
    ...(form === undefined
      ? {}
      : {
          form: {
            ...form,
            markingItems: ['OFFICIAL', 'OFFICIAL-SENSITIVE'].map((m) => ({
              value: m,
              text: m,
              checked: form.values.marking === m,
            })),
            authorityItems: [
              { value: '', text: 'None in particular', selected: form.values.authority === '' },
              ...ctx.authorities.map((a) => ({
                value: a.code,
                text: `${a.name} (${a.code})`,
                selected: form.values.authority === a.code,
              })),
            ],
          },
        }),
    live: { topics: ctx.liveTopic, cell: ctx.cell.slug },
  };
}

/** One request as a summary card: its deadline, who asked, what it says, and Answer where this person may. */
export function requestModel(r: DecisionRequestView, ctx: RequestsContext): RequestModel {
  const names = new Map(ctx.authorities.map((a) => [a.code, a.name]));
  const when = (iso: string) => timeText(iso, ctx.timeZone);
  const rows = [
    { key: 'Needed by', lines: [when(r.dueAt)] },
    { key: 'Asked', lines: [`${when(r.requestedAt)} by ${r.requestedBy.name}`] },
    ...(r.context === undefined ? [] : [{ key: 'Context', lines: r.context.split(/\r?\n/) }]),
    ...(r.options === undefined || r.options.length === 0 ? [] : [{ key: 'Options', lines: r.options }]),
    ...(r.authority === undefined ? [] : [{ key: 'Authority', lines: [names.get(r.authority) ?? r.authority] }]),
    ...(r.decidedAt === undefined ? [] : [{ key: 'Decided', lines: [when(r.decidedAt)] }]),
    ...(r.overdueAt === undefined
      ? []
      : [{ key: 'Became overdue', lines: [`${when(r.overdueAt)}, and was escalated to regional`] }]),
    { key: 'Marking', lines: [r.marking] },
  ];
  const answerable = r.status !== 'decided' && ctx.mayAnswer(r);
  return {
    id: r.id,
    question: r.question,
    status: STATUS_TAGS[r.status],
    sensitive: r.marking === 'OFFICIAL-SENSITIVE',
    rows,
    ...(answerable ? { answerHref: `/cells/${ctx.cell.slug}/decision-requests/${r.id}/answer` } : {}),
  };
}
