import type { Marking } from '@muster/contracts';
import { isoWeekDays, Rag, WeeklyBriefing } from '@muster/domain';
import { actionsText } from '../../../feeds/feed-page-model';
import { dayText, figureText, Tag, tag, timeText } from '../../view/format';
import { ragTag } from '../../view/rag-tag';
import { highest, reportMarking, ReportMarking } from './report-marking';

export interface WeeklyBriefingModel {
  pageTitle: string;
  heading: string;
  span: string;
  marking: ReportMarking;
  days: Array<{ short: string; href?: string; text: string }>;
  cells: Array<{
    slug: string;
    name: string;
    status: Tag;
    rags: Tag[];
    ragChanges: string[];
    figures: Array<{ label: string; values: string[]; trend: string }>;
    escalations: string;
    /** Open, done and overdue at the end of the week; null when no feed of the week counted them. */
    actions: string | null;
    decisions: Array<{ when: string; title: string; href: string; sensitive: boolean }>;
  }>;
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const TRENDS: Record<string, string> = { up: 'Up', down: 'Down', flat: 'No change' };
const ragWord = (rag: Rag | null) => (rag === null ? 'no RAG' : rag.charAt(0).toUpperCase() + rag.slice(1));
const STATUS: Record<string, Tag> = {
  active: tag('Active', 'govuk-tag--blue'),
  standby: tag('Standby', 'govuk-tag--grey'),
  'stood-down': tag('Stood down', 'govuk-tag--grey'),
};

/** "2026-W47" as its Monday to Sunday, "16 to 22 November 2026" (the month and year once where they agree). */
export function weekSpan(week: string): string {
  const days = isoWeekDays(week);
  const [first, last] = [dayText(days[0] ?? ''), dayText(days[6] ?? '')];
  const [d1, m1, y1] = first.split(' ');
  const [, m2, y2] = last.split(' ');
  if (y1 !== y2) return `${first} to ${last}`;
  return m1 === m2 ? `${String(d1)} to ${last}` : `${String(d1)} ${String(m1)} to ${last}`;
}

/** The weekly briefing page: per cell, the week's figures day by day with their trend, RAG changes, escalations and decisions. */
export function weeklyBriefingModel(
  briefing: WeeklyBriefing,
  published: ReadonlySet<string>,
  publicUrl: string,
  timeZone: string,
): WeeklyBriefingModel {
  const marking: Marking = highest(briefing.cells.flatMap((c) => c.decisions.map((d) => d.marking)));
  return {
    pageTitle: `Weekly briefing, ${briefing.week}`,
    heading: `Weekly briefing: week ${Number(briefing.week.slice(6))}, ${briefing.week.slice(0, 4)}`,
    span: weekSpan(briefing.week),
    marking: reportMarking(marking),
    days: briefing.days.map((date, i) => ({
      short: `${WEEKDAYS[i] ?? ''} ${Number(date.slice(8))}`,
      // Only days with a report: every link on the page opens.
      ...(published.has(date) ? { href: `${publicUrl}/feeds/daily/${date}` } : {}),
      text: published.has(date) ? dayText(date) : `${dayText(date)}: no report`,
    })),
    cells: briefing.cells.map((cell) => ({
      slug: cell.slug,
      name: cell.name,
      status: STATUS[cell.status] ?? tag(cell.status, 'govuk-tag--grey'),
      // A day without a report has no RAG to show: a dash, not a "No RAG" tag.
      rags: cell.rags.map((rag, i) =>
        rag === null && !published.has(briefing.days[i] ?? '') ? tag('—', '') : ragTag(rag),
      ),
      ragChanges: cell.ragChanges.map((c) => `${ragWord(c.from)} to ${ragWord(c.to)} on ${dayText(c.date)}`),
      figures: cell.figures.map((f) => ({
        label: f.unit === '' ? f.label : `${f.label} (${f.unit})`,
        values: f.series.map((v) => (v === null ? '—' : figureText(v))),
        trend: f.trend === null ? 'Not enough days' : (TRENDS[f.trend] ?? f.trend),
      })),
      actions: actionsText(cell.actions),
      escalations: `${cell.escalations.opened} opened, ${cell.escalations.breached} breached${cell.escalations.openAtEnd === null ? '' : `, ${cell.escalations.openAtEnd} open at the end of the week`}`,
      decisions: cell.decisions.map((d) => ({
        when: timeText(d.recordedAt, timeZone),
        title: d.title,
        href: `${publicUrl}/cells/${encodeURIComponent(cell.slug)}/decisions/${encodeURIComponent(d.id)}`,
        sensitive: d.marking !== 'OFFICIAL',
      })),
    })),
  };
}
