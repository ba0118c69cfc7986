import { DailyFeedView } from '@muster/application';
import { Marking } from '@muster/contracts';
import { DailyFeedCell, localParts, Rag } from '@muster/domain';
import { API_BASE } from '../http/api-path';

/**
 * What the HTML page and the Atom entries show, already formatted: the templates only place and escape
 * text, so every decision about wording and numbers is here and testable.
 */
export interface CellModel {
  slug: string;
  name: string;
  status: string;
  rag: Rag | 'none';
  ragLabel: string;
  totals: Array<{
    label: string;
    unit: string;
    known: boolean;
    value: string;
    previous: string;
    change: string;
    trend: 'up' | 'down' | 'flat' | 'none';
  }>;
  authorities: Array<{ code: string; name: string; rag: Rag | 'none'; ragLabel: string; stale: boolean }>;
  staleNames: string[];
  escalations: {
    opened: number;
    open: number;
    breached: number;
    items: Array<{ title: string; level: string; status: string; raised: string; flags: string; marking: Marking }>;
  };
  decisions: Array<{ time: string; sequence: number; title: string; href: string; marking: Marking }>;
  /** "2 open, 1 done, 1 overdue" at the end of the day; null for a feed from before actions were tracked. */
  actions: string | null;
  head: { sequence: number | null; hash: string };
}

export interface PageModel {
  regionName: string;
  date: string;
  version: number;
  generated: string;
  generatedAt: string;
  /** The highest marking of anything on the page, shown top and bottom as protective marking requires. */
  marking: Marking;
  /** The console's board as it stood when the report was made. */
  boardHref: string;
  jsonHref: string;
  cells: CellModel[];
}

const numbers = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 6 });
const show = (n: number | null) => (n === null ? '—' : numbers.format(n));
const signed = (n: number | null) =>
  n === null ? '—' : n > 0 ? `+${numbers.format(n)}` : n < 0 ? `−${numbers.format(-n)}` : '0';
const ragLabel = (rag: Rag | null) => (rag === null ? 'no RAG' : rag.charAt(0).toUpperCase() + rag.slice(1));

/** A time in the region: "14:05" on the feed's day, "2026-11-19 14:05" on another. */
function localTime(iso: string, date: string, timeZone: string): string {
  const p = localParts(new Date(iso), timeZone);
  const hhmm = `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
  return p.date === date ? hhmm : `${p.date} ${hhmm}`;
}

function cellModel(cell: DailyFeedCell, date: string, origin: string, timeZone: string): CellModel {
  const names = new Map(cell.authorities.map((a) => [a.code, a.name]));
  const slug = encodeURIComponent(cell.slug);
  return {
    slug: cell.slug,
    name: cell.name,
    status: cell.status,
    rag: cell.rag ?? 'none',
    ragLabel: ragLabel(cell.rag),
    totals: cell.totals.map((t) => ({
      label: t.label,
      // A figure that does not add up across the region shows the lowest authority's value, and says so.
      unit: t.aggregate === 'min' ? `${t.unit}, lowest authority` : t.unit,
      known: t.value !== null,
      value: show(t.value),
      previous: show(t.previous),
      change: signed(t.change),
      trend: t.change === null ? 'none' : t.change > 0 ? 'up' : t.change < 0 ? 'down' : 'flat',
    })),
    authorities: cell.authorities.map((a) => ({
      code: a.code,
      name: a.name,
      rag: a.rag ?? 'none',
      ragLabel: ragLabel(a.rag),
      stale: a.stale,
    })),
    staleNames: cell.stale.map((code) => names.get(code) ?? code),
    escalations: {
      opened: cell.escalations.opened,
      open: cell.escalations.open,
      breached: cell.escalations.breached,
      items: cell.escalations.items.map((e) => ({
        title: e.title,
        level: e.level,
        status: e.overdue ? `${e.status}, overdue` : e.status,
        raised: localTime(e.raisedAt, date, timeZone),
        flags: [e.openedToday && 'opened', e.openAtEnd && 'open at end of day', e.breached && 'breached']
          .filter(Boolean)
          .join(', '),
        marking: e.marking,
      })),
    },
    decisions: cell.decisions.map((d) => ({
      time: localTime(d.recordedAt, date, timeZone),
      sequence: d.sequence,
      title: d.title,
      // The console's page of the cell's log (a signed-in person's browser opens it; the API's needs a token).
      href: `${origin}/cells/${slug}/decisions/${encodeURIComponent(d.id)}`,
      marking: d.marking,
    })),
    actions: actionsText(cell.actions),
    head: { ...cell.head },
  };
}

/** A cell's actions in words, as the printed report, Atom and the console's pages say them. */
export function actionsText(
  actions: { open: number; done: number; overdue: number } | null | undefined,
): string | null {
  if (actions == null) return null;
  return `${String(actions.open)} open, ${String(actions.done)} done, ${String(actions.overdue)} overdue`;
}

export function pageModel(view: DailyFeedView, origin: string, timeZone: string): PageModel {
  const sensitive = view.cells.some(
    (c) =>
      c.escalations.items.some((e) => e.marking !== 'OFFICIAL') || c.decisions.some((d) => d.marking !== 'OFFICIAL'),
  );
  return {
    regionName: view.region.name,
    date: view.date,
    version: view.version,
    generated: `${localTime(view.generatedAt, '', timeZone)} (${timeZone})`,
    generatedAt: view.generatedAt,
    marking: sensitive ? 'OFFICIAL-SENSITIVE' : 'OFFICIAL',
    boardHref: `${origin}/?at=${view.throughSeq}`,
    jsonHref: `${origin}/${API_BASE}/feeds/daily/${view.date}?version=${view.version}`,
    cells: view.cells.map((cell) => cellModel(cell, view.date, origin, timeZone)),
  };
}
