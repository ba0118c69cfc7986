import type { DailyFeedView } from '@muster/application';
import { isoWeekOf } from '@muster/domain';
import { pageModel } from '../../../feeds/feed-page-model';
import { dayText, Tag, tag } from '../../view/format';
import { ragTag } from '../../view/rag-tag';
import { reportMarking, ReportMarking } from './report-marking';

export interface DailyReportModel {
  pageTitle: string;
  heading: string;
  regionName: string;
  marking: ReportMarking;
  about: string;
  /** Console pages only: each opens for a signed-in reader, on screen or from a printout. */
  links: { board: string; weekly: { href: string; text: string } };
  cells: Array<{
    slug: string;
    name: string;
    status: Tag;
    rag: Tag;
    totals: Array<{ label: string; unit: string; value: string; previous: string; change: string }>;
    authorities: Array<{ name: string; rag: Tag; reported: string }>;
    staleNames: string[];
    escalations: {
      summary: string;
      items: Array<{ title: string; level: string; status: string; raised: string; flags: string; sensitive: boolean }>;
    };
    decisions: Array<{ time: string; sequence: number; title: string; href: string; sensitive: boolean }>;
    /** Open, done and overdue at the end of the day; null for a feed from before actions were tracked. */
    actions: string | null;
    head: string;
  }>;
}

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const STATUS: Record<string, Tag> = {
  active: tag('Active', 'govuk-tag--blue'),
  standby: tag('Standby', 'govuk-tag--grey'),
  'stood-down': tag('Stood down', 'govuk-tag--grey'),
};

/**
 * The daily report page: the same words and numbers as the API's printable page (feeds/feed-page-model.ts),
 * in the console's layout, its links to console pages built from PUBLIC_URL.
 */
export function dailyReportModel(view: DailyFeedView, publicUrl: string, timeZone: string): DailyReportModel {
  const page = pageModel(view, publicUrl, timeZone);
  const week = isoWeekOf(view.date);
  return {
    pageTitle: `Daily report, ${dayText(view.date)}`,
    heading: `Daily situation report: ${dayText(view.date)}`,
    regionName: page.regionName,
    marking: reportMarking(page.marking),
    about: `Version ${page.version}, generated ${page.generated}.`,
    links: {
      board: page.boardHref,
      weekly: {
        href: `${publicUrl}/feeds/weekly/${week}`,
        text: `Weekly briefing for week ${Number(week.slice(6))}, ${week.slice(0, 4)}`,
      },
    },
    cells: page.cells.map((cell) => ({
      slug: cell.slug,
      name: cell.name,
      status: STATUS[cell.status] ?? tag(capital(cell.status), 'govuk-tag--grey'),
      rag: ragTag(cell.rag),
      totals: cell.totals.map(({ label, unit, value, previous, change }) => ({ label, unit, value, previous, change })),
      authorities: cell.authorities.map((a) => ({
        name: a.name,
        rag: ragTag(a.rag),
        reported: a.stale ? 'Not reported by the cut-off' : 'Reported',
      })),
      staleNames: cell.staleNames,
      escalations: {
        summary: `${cell.escalations.opened} opened, ${cell.escalations.open} open at the end of the day, ${cell.escalations.breached} breached`,
        items: cell.escalations.items.map((e) => ({
          ...e,
          level: capital(e.level),
          sensitive: e.marking !== 'OFFICIAL',
        })),
      },
      decisions: cell.decisions.map((d) => ({
        time: d.time,
        sequence: d.sequence,
        title: d.title,
        href: d.href,
        sensitive: d.marking !== 'OFFICIAL',
      })),
      actions: cell.actions,
      head: cell.head.sequence === null ? cell.head.hash : `entry ${cell.head.sequence}, ${cell.head.hash}`,
    })),
  };
}
