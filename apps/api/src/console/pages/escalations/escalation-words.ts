import ms from 'ms';
import { holderOf, isClosed, nextLevel, type Escalation, type Level, type Severity } from '@muster/domain';
import { tag, type Tag, timeText } from '../../view/format';

/** Names for codes and slugs, as the reference data gives them (a code itself when unknown). */
export interface Names {
  cell(slug: string): string;
  authority(code: string): string;
  timeZone: string;
}

export function namesFrom(
  cells: ReadonlyArray<{ slug: string; name: string }>,
  authorities: ReadonlyArray<{ code: string; name: string }>,
  timeZone: string,
): Names {
  const cellNames = new Map(cells.map((c) => [c.slug, c.name]));
  const authorityNames = new Map(authorities.map((a) => [a.code, a.name]));
  return {
    cell: (slug) => cellNames.get(slug) ?? slug,
    authority: (code) => authorityNames.get(code) ?? code,
    timeZone,
  };
}

export const LEVEL_NAMES: Record<Level, string> = { cell: 'Cell', regional: 'Regional', national: 'National' };

export const SEVERITY_TAGS: Record<Severity, Tag> = {
  critical: tag('Critical', 'govuk-tag--red'),
  high: tag('High', 'govuk-tag--orange'),
  medium: tag('Medium', 'govuk-tag--yellow'),
  low: tag('Low', 'govuk-tag--grey'),
};

const STATUS_TAGS: Record<Escalation['status'], Tag> = {
  open: tag('Open', 'govuk-tag--blue'),
  acknowledged: tag('Acknowledged', 'govuk-tag--turquoise'),
  resolved: tag('Resolved', 'govuk-tag--grey'),
  withdrawn: tag('Withdrawn', 'govuk-tag--grey'),
};
const OVERDUE = tag('Overdue', 'govuk-tag--red');
export const SENSITIVE = tag('Official-sensitive', 'govuk-tag--pink');

/** Its status as words, with "Overdue" beside it once the top of the ladder missed its deadline. */
export function statusTags(e: Pick<Escalation, 'status' | 'overdue'>): Tag[] {
  return e.overdue && !isClosed(e) ? [STATUS_TAGS[e.status], OVERDUE] : [STATUS_TAGS[e.status]];
}

/** Who must act at a level: the cell's lead, then regional coordination (the domain's `holderOf`). */
export function holderText(level: Level, cellName: string): string {
  return holderOf(level) === 'cell-lead' ? `${cellName} cell lead` : 'Regional coordinators';
}

/** The same, inside a sentence: "only the PPE cell lead can", "only regional coordinators can". */
export function holderPhrase(level: Level, cellName: string): string {
  return holderOf(level) === 'cell-lead' ? `the ${cellName} cell lead` : 'regional coordinators';
}

/** The acknowledgement deadline in words: when, or why there is none. */
export function deadlineText(
  e: Pick<Escalation, 'status' | 'overdue' | 'ackDueAt' | 'level'>,
  now: Date,
  timeZone: string,
): string {
  if (e.status === 'resolved') return 'None: it is resolved';
  if (e.status === 'withdrawn') return 'None: it was withdrawn';
  if (e.status === 'acknowledged') return 'None: it has been acknowledged';
  if (e.overdue || e.ackDueAt === null) return 'Missed: it is overdue at the top of the ladder';
  const due = timeText(e.ackDueAt, timeZone);
  if (Date.parse(e.ackDueAt) > now.getTime()) return due;
  // The timer is about to act: say what it will do.
  return `${due} (passed: ${nextLevel(e.level) === undefined ? 'it is being marked overdue' : 'it is going up a level'})`;
}

/** "PPE, Sandwell": the cell and the raising authority, when there is one. */
export function whereText(e: Pick<Escalation, 'cell' | 'authority'>, names: Names): string {
  return e.authority === undefined ? names.cell(e.cell) : `${names.cell(e.cell)}, ${names.authority(e.authority)}`;
}

/** An acknowledgement deadline as people say it: "15 minutes", "1 hour", "1 day". */
export function durationText(milliseconds: number): string {
  return ms(milliseconds, { long: true });
}

export const capitalised = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
