import { canJoinTopic, type Escalation, type Principal } from '@muster/domain';
import { type Tag, timeText } from '../../view/format';
import { ACTION_FIELDS, type EscalationAction, offeredActions } from './escalation-actions';
import { type TimelineEntry, byText, heldText, timeline } from './escalation-timeline';
import {
  deadlineText,
  holderPhrase,
  holderText,
  LEVEL_NAMES,
  type Names,
  SENSITIVE,
  SEVERITY_TAGS,
  statusTags,
} from './escalation-words';
import { errorsByField, type FieldError, type FormValues } from './form-errors';

/** What a step that went through says on the page it leads back to (`?done=`). */
export const DONE = ['raised', 'acknowledged', 'escalated', 'resolved'] as const;
export type Done = (typeof DONE)[number];

const DONE_TEXT: Record<Done, string> = {
  raised: 'You raised this escalation',
  acknowledged: 'You acknowledged this escalation',
  escalated: 'You escalated this escalation up a level',
  resolved: 'You resolved this escalation',
};
export const DONE_BY_ACTION: Record<EscalationAction, Done> = {
  acknowledge: 'acknowledged',
  escalate: 'escalated',
  resolve: 'resolved',
};

export interface SummaryRow {
  key: string;
  tags?: Tag[];
  lines?: string[];
  link?: { href: string; text: string };
}

/** The escalation page's view model: everything worded; the template places and escapes it. */
export interface EscalationPageModel {
  pageTitle: string;
  id: string;
  heading: string;
  tags: Tag[];
  summary: SummaryRow[];
  timeline: TimelineEntry[];
  actions: {
    acknowledge: boolean;
    escalate: { buttonText: string } | undefined;
    resolve: boolean;
    /** Why there is nothing to do here, when there is not (not `none`: a Nunjucks keyword). */
    unavailable: string | undefined;
  };
  version: number;
  fields: typeof ACTION_FIELDS;
  values: FormValues;
  errors: Record<string, { text: string }>;
  errorSummary: FieldError[];
  done: string | undefined;
  live: { topics: string; id: string };
}

export interface EscalationPageState {
  done?: Done;
  values?: FormValues;
  errors?: readonly FieldError[];
}

export function escalationModel(
  p: Principal,
  e: Escalation,
  names: Names,
  now: Date,
  state: EscalationPageState = {},
): EscalationPageModel {
  const offered = offeredActions(p, e);
  const errors = state.errors ?? [];
  const nothing = !offered.acknowledge && offered.escalateTo === undefined && !offered.resolve;
  return {
    pageTitle: errors.length > 0 ? 'Error: Escalation' : 'Escalation',
    id: e.id,
    heading: e.title,
    tags: [SEVERITY_TAGS[e.severity], ...statusTags(e), ...(e.marking === 'OFFICIAL-SENSITIVE' ? [SENSITIVE] : [])],
    summary: summaryRows(e, names, now),
    timeline: timeline(e, names),
    actions: {
      acknowledge: offered.acknowledge,
      escalate:
        offered.escalateTo === undefined
          ? undefined
          : { buttonText: `Escalate to ${LEVEL_NAMES[offered.escalateTo].toLowerCase()} level` },
      resolve: offered.resolve,
      unavailable: nothing ? noActionText(e, names) : undefined,
    },
    version: e.version,
    fields: ACTION_FIELDS,
    values: state.values ?? {},
    errors: errorsByField(errors),
    errorSummary: [...errors],
    done: state.done === undefined ? undefined : DONE_TEXT[state.done],
    live: { topics: liveTopic(p, e), id: e.id },
  };
}

function summaryRows(e: Escalation, names: Names, now: Date): SummaryRow[] {
  const rows: SummaryRow[] = [
    { key: 'Status', tags: statusTags(e) },
    { key: 'Severity', tags: [SEVERITY_TAGS[e.severity]] },
    { key: 'Level', lines: [LEVEL_NAMES[e.level]] },
    {
      key: 'Held by',
      lines:
        e.status === 'resolved'
          ? ['No one: it is resolved']
          : [holderText(e.level, names.cell(e.cell)), ...(e.heldBy === undefined ? [] : [heldText(e.heldBy)])],
    },
    { key: 'Acknowledge by', lines: [deadlineText(e, now, names.timeZone)] },
    { key: 'Cell', lines: [names.cell(e.cell)] },
    {
      key: 'Authority',
      lines: [e.authority === undefined ? 'None: the system raised it' : names.authority(e.authority)],
    },
    { key: 'Raised', lines: [`${byText(e.raisedBy)}, at ${timeText(e.raisedAt, names.timeZone)}`] },
    { key: 'Marking', lines: [e.marking] },
    { key: 'Detail', lines: paragraphs(e.detail) },
  ];
  if (e.ask !== undefined) rows.push({ key: 'What is asked', lines: paragraphs(e.ask) });
  if (e.decisionRequestId !== undefined) {
    rows.push({
      key: 'Decision request',
      link: { href: `/cells/${e.cell}/decision-requests`, text: `The ${names.cell(e.cell)} cell’s decision requests` },
    });
  }
  return rows;
}

const paragraphs = (text: string) => text.split(/\r?\n\s*\n|\r?\n/).filter((line) => line.trim() !== '');

function noActionText(e: Escalation, names: Names): string {
  if (e.status === 'resolved') return 'It is resolved: there is nothing more to do.';
  const level = LEVEL_NAMES[e.level].toLowerCase();
  return e.level === 'cell'
    ? `At ${level} level, only ${holderPhrase(e.level, names.cell(e.cell))} can acknowledge it, and only they or a regional coordinator can escalate or resolve it.`
    : `At ${level} level, only regional coordinators can act on it.`;
}

/** The narrowest /live topic this reader may join that carries this escalation's events (the region's carries them all). */
function liveTopic(p: Principal, e: Escalation): string {
  const candidates = [`cell:${e.cell}`, ...(e.authority === undefined ? [] : [`authority:${e.authority}`])];
  return candidates.find((topic) => canJoinTopic(p, topic).allowed) ?? 'region';
}
