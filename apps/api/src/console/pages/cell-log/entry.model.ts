import type { AmendmentEntryView, DecisionEntryView, EntryView } from '@muster/application';
import type { ActionsDiff, DecisionRecord, IdentifiedAction } from '@muster/domain';
import { timeText } from '../../view/format';
import { FIELD_LABELS } from '../decision-form/decision-form';

/** A row of an entry's summary: its label and its value as lines of text. */
export interface EntryRow {
  key: string;
  lines: string[];
}

/** One field an amendment changed: what was first recorded beside what it reads now. */
export interface ChangedField {
  field: string;
  before: string[];
  after: string[];
  /** The entry that last changed it. */
  by: string;
}

/** A log entry as the cell page and the printable pack show it; every text already worded. */
export interface EntryModel {
  anchor: string;
  sequence: number;
  kind: 'decision' | 'amendment';
  heading: string;
  marking: string;
  sensitive: boolean;
  amended: boolean;
  /** A decision's fields as they read now (after its amendments); an amendment's reason and changes. */
  rows: EntryRow[];
  changes: ChangedField[];
  /** "Entry 5, recorded 10:40 on 22 November 2026 by Priya Shah: the time was wrong". */
  amendments: string[];
  recorded: string;
  hash: string;
  prevHash: string;
  /** For an amendment: the entry it corrects. */
  amends?: { sequence: number | undefined; anchor: string };
}

export interface EntryContext {
  timeZone: string;
  authorityNames: ReadonlyMap<string, string>;
  /** Sequences of the entries by id, for naming what an amendment corrects. */
  sequenceOf: (id: string) => number | undefined;
}

/** The record fields in the order the Joint Decision Model reads, as the summary shows them. */
const RECORD_FIELDS = [
  'decision',
  'rationale',
  'informationAvailable',
  'risks',
  'powersAndPolicy',
  'options',
  'decidedBy',
  'decidedAt',
  'delayReason',
  'actions',
  'reviewBy',
] as const;
type RecordField = (typeof RECORD_FIELDS)[number] | 'title';

const lines = (text: string) => text.split(/\r?\n/);

function fieldLines(record: Partial<DecisionRecord>, field: RecordField, ctx: EntryContext): string[] {
  switch (field) {
    case 'options':
      return (record.options ?? []).map(
        (o) => `${o.option}${o.chosen ? ' (chosen)' : ' (not chosen)'}${o.notes === undefined ? '' : `: ${o.notes}`}`,
      );
    case 'actions':
      return (record.actions ?? []).map(
        (a) => `${a.action}, owner ${a.owner}${a.due === undefined ? '' : `, due ${timeText(a.due, ctx.timeZone)}`}`,
      );
    case 'decidedAt':
    case 'reviewBy': {
      const at = record[field];
      return at === undefined ? [] : [timeText(at, ctx.timeZone)];
    }
    default: {
      const text = record[field];
      return text === undefined ? [] : lines(text);
    }
  }
}

/**
 * The record as it reads after its amendments, oldest first: each amendment's changes over the one
 * before (authorities are the entry's scope, not the record's). The domain's `currentRecord` does the
 * same on stored entries; this works on what the queries return.
 */
export function currentReading(
  original: DecisionEntryView,
  amendments: readonly AmendmentEntryView[],
): { record: DecisionEntryView; lastChange: Map<string, number> } {
  const lastChange = new Map<string, number>();
  let record = original;
  for (const amendment of [...amendments].sort((a, b) => a.sequence - b.sequence)) {
    const { authorities: _scope, ...changes } = amendment.changes;
    for (const key of Object.keys(amendment.changes)) lastChange.set(key, amendment.sequence);
    record = { ...record, ...(changes as Partial<DecisionRecord>), authorities: amendment.authorities };
  }
  return { record, lastChange };
}

function authorityLines(codes: readonly string[], ctx: EntryContext): string[] {
  return codes.length === 0 ? ['None named'] : codes.map((code) => ctx.authorityNames.get(code) ?? code);
}

function common(entry: EntryView, ctx: EntryContext) {
  return {
    anchor: `entry-${entry.sequence}`,
    sequence: entry.sequence,
    marking: entry.marking,
    sensitive: entry.marking === 'OFFICIAL-SENSITIVE',
    recorded: `${timeText(entry.recordedAt, ctx.timeZone)} by ${entry.recordedBy.name}`,
    hash: entry.hash,
    prevHash: entry.prevHash,
  };
}

export function decisionEntryModel(
  entry: DecisionEntryView,
  amendments: readonly AmendmentEntryView[],
  ctx: EntryContext,
): EntryModel {
  const { record, lastChange } = currentReading(entry, amendments);
  const rows: EntryRow[] = RECORD_FIELDS.map((field) => ({
    key: FIELD_LABELS[field] ?? field,
    lines: fieldLines(record, field, ctx),
  })).filter((row) => row.lines.length > 0);
  rows.push({ key: 'Authorities', lines: authorityLines(record.authorities, ctx) });
  const changes: ChangedField[] = [...lastChange.entries()].map(([field, sequence]) => ({
    field: FIELD_LABELS[field] ?? field,
    before:
      field === 'authorities' ? authorityLines(entry.authorities, ctx) : fieldLines(entry, field as RecordField, ctx),
    after:
      field === 'authorities' ? authorityLines(record.authorities, ctx) : fieldLines(record, field as RecordField, ctx),
    by: `Entry ${sequence}`,
  }));
  return {
    ...common(entry, ctx),
    kind: 'decision',
    heading: record.title,
    amended: amendments.length > 0,
    rows,
    changes,
    amendments: amendments.map(
      (a) =>
        `Entry ${a.sequence}, recorded ${timeText(a.recordedAt, ctx.timeZone)} by ${a.recordedBy.name}: ${a.reason}` +
        actionsDiffSummary(a.actionsDiff),
    ),
  };
}

export function amendmentEntryModel(entry: AmendmentEntryView, ctx: EntryContext): EntryModel {
  const sequence = ctx.sequenceOf(entry.amends);
  const changed = Object.keys(entry.changes).map((field) => FIELD_LABELS[field] ?? field);
  return {
    ...common(entry, ctx),
    kind: 'amendment',
    heading: sequence === undefined ? 'Amendment' : `Amendment to entry ${sequence}`,
    amended: false,
    rows: [
      { key: 'Reason', lines: lines(entry.reason) },
      { key: 'Fields changed', lines: changed },
      ...actionsDiffRows(entry.actionsDiff, ctx),
    ],
    changes: [],
    amendments: [],
    amends: { sequence, anchor: sequence === undefined ? '' : `entry-${sequence}` },
  };
}

const actionText = (a: IdentifiedAction, ctx: EntryContext) =>
  `${a.action}, owner ${a.owner}${a.due === undefined ? '' : `, due ${timeText(a.due, ctx.timeZone)}`}`;

/** What an amendment did to the decision's actions, row by row: nothing leaves the list unnamed. */
export function actionsDiffRows(diff: ActionsDiff | undefined, ctx: EntryContext): EntryRow[] {
  if (diff === undefined) return [];
  const rows: EntryRow[] = [
    { key: 'Actions added', lines: diff.added.map((a) => actionText(a, ctx)) },
    {
      key: 'Actions changed',
      lines: diff.changed.map(({ before, after }) => `${actionText(before, ctx)} → ${actionText(after, ctx)}`),
    },
    { key: 'Actions dropped', lines: diff.dropped.map((a) => actionText(a, ctx)) },
  ];
  return rows.filter((row) => row.lines.length > 0);
}

/** " (actions: 1 added, 1 dropped)" after an amendment's reason, or nothing when it left the actions alone. */
function actionsDiffSummary(diff: ActionsDiff | undefined): string {
  if (diff === undefined) return '';
  const parts = [
    diff.added.length > 0 && `${String(diff.added.length)} added`,
    diff.changed.length > 0 && `${String(diff.changed.length)} changed`,
    diff.dropped.length > 0 && `${String(diff.dropped.length)} dropped`,
  ].filter((part): part is string => part !== false);
  return parts.length === 0 ? '' : ` (actions: ${parts.join(', ')})`;
}
