import type { EscalationList } from '@muster/application';
import {
  canJoinTopic,
  ESCALATION_STATUSES,
  type EscalationStatus,
  type Level,
  LEVELS,
  type Principal,
} from '@muster/domain';
import { type Option, selectOptions, type Tag } from '../../view/format';
import {
  capitalised,
  deadlineText,
  LEVEL_NAMES,
  type Names,
  SENSITIVE,
  SEVERITY_TAGS,
  statusTags,
  whereText,
} from './escalation-words';
import type { FieldError } from './form-errors';
import type { RaiseFormModel } from './raise-form';

export interface ListFilter {
  status?: EscalationStatus;
  authority?: string;
  cell?: string;
  level?: Level;
  cursor?: string;
}

export interface ListItem {
  href: string;
  title: string;
  tags: Tag[];
  where: string;
  severity: Tag;
  level: string;
  status: Tag[];
  due: string;
}

/** The escalations page's view model: the list (filtered, paged), its filter form and the raise form. */
export interface EscalationListModel {
  pageTitle: string;
  filters: { status: Option[]; level: Option[]; cell: Option[]; authority: Option[] };
  items: ListItem[];
  /** The following page, as a link carrying the filter and the list's `next` cursor. */
  next: string | undefined;
  /** Back to the first page, when this is a later one. */
  first: string | undefined;
  raise: RaiseFormModel | undefined;
  errorSummary: FieldError[];
  live: { topics: string };
}

const STATUSES: readonly EscalationStatus[] = ESCALATION_STATUSES;

export interface ListReference {
  cells: ReadonlyArray<{ slug: string; name: string }>;
  authorities: ReadonlyArray<{ code: string; name: string }>;
  names: Names;
  now: Date;
}

export function escalationListModel(
  p: Principal,
  list: EscalationList,
  filter: ListFilter,
  reference: ListReference,
  raise: RaiseFormModel | undefined,
  errors: readonly FieldError[] = [],
): EscalationListModel {
  const { names, now } = reference;
  return {
    pageTitle: errors.length > 0 ? 'Error: Escalations' : 'Escalations',
    filters: {
      status: selectOptions(
        'Any status',
        '',
        STATUSES.map((s) => ({ value: s, text: capitalised(s) })),
        filter.status ?? '',
      ),
      level: selectOptions(
        'Any level',
        '',
        LEVELS.map((l) => ({ value: l, text: LEVEL_NAMES[l] })),
        filter.level ?? '',
      ),
      cell: selectOptions(
        'Any cell',
        '',
        reference.cells.map((c) => ({ value: c.slug, text: c.name })),
        filter.cell ?? '',
      ),
      authority: selectOptions(
        'Any authority',
        '',
        reference.authorities.map((a) => ({ value: a.code, text: a.name })),
        filter.authority ?? '',
      ),
    },
    items: list.items.map((e) => ({
      href: `/escalations/${e.id}`,
      title: e.title,
      tags: e.marking === 'OFFICIAL-SENSITIVE' ? [SENSITIVE] : [],
      where: whereText(e, names),
      severity: SEVERITY_TAGS[e.severity],
      level: LEVEL_NAMES[e.level],
      status: statusTags(e),
      due: deadlineText(e, now, names.timeZone),
    })),
    next: list.next === null ? undefined : listHref({ ...filter, cursor: list.next }),
    first: filter.cursor === undefined ? undefined : listHref({ ...filter, cursor: undefined }),
    raise,
    errorSummary: [...errors],
    live: { topics: liveTopic(p, filter) },
  };
}

/** `/escalations` with the filter (and cursor) as its query string. */
export function listHref(filter: ListFilter): string {
  const query = new URLSearchParams();
  for (const key of ['status', 'level', 'cell', 'authority', 'cursor'] as const) {
    const value = filter[key];
    if (value !== undefined) query.set(key, value);
  }
  const text = query.toString();
  return text === '' ? '/escalations' : `/escalations?${text}`;
}

/** The narrowest /live topic that carries every escalation of this filter and that the reader may join. */
function liveTopic(p: Principal, filter: ListFilter): string {
  const candidates = [
    filter.cell === undefined ? undefined : `cell:${filter.cell}`,
    filter.authority === undefined ? undefined : `authority:${filter.authority}`,
  ];
  return candidates.find((topic): topic is string => topic !== undefined && canJoinTopic(p, topic).allowed) ?? 'region';
}
