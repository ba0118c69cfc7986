import { CellStatus } from '../reference/region';
import { Rag } from '../sitreps/sitrep';
import { isoWeekDays } from './calendar';
import { DailyFeed, DailyFeedCell, FeedDecision } from './daily-feed';

export type Trend = 'up' | 'down' | 'flat';

export interface WeeklyFigure {
  key: string;
  label: string;
  unit: string;
  /** The daily regional totals, Monday to Sunday; null where there was no feed or no value. */
  series: Array<number | null>;
  /** First known total to last; null with fewer than two, since one reading is not a trend. */
  trend: Trend | null;
}

export interface RagChange {
  date: string;
  from: Rag | null;
  to: Rag | null;
}

export interface WeeklyCell {
  slug: string;
  name: string;
  /** As of the last feed of the week that included the cell. */
  status: CellStatus;
  figures: WeeklyFigure[];
  /** The cell's RAG each day, Monday to Sunday; null where unknown. */
  rags: Array<Rag | null>;
  ragChanges: RagChange[];
  /** Distinct escalations, so one overdue for three days is one breach, not three. */
  escalations: { opened: number; breached: number; openAtEnd: number | null };
  decisions: FeedDecision[];
  /** The cell's actions as the week's last feed holding them left them; null when none did. */
  actions: { open: number; done: number; overdue: number } | null;
}

export interface WeeklyBriefing {
  week: string;
  days: string[];
  cells: WeeklyCell[];
}

export function trendOf(series: ReadonlyArray<number | null>): Trend | null {
  const known = series.filter((v): v is number => v !== null);
  const first = known[0];
  const last = known[known.length - 1];
  if (known.length < 2 || first === undefined || last === undefined) return null;
  return last > first ? 'up' : last < first ? 'down' : 'flat';
}

/** One feed per day of the week; a regenerated day counts by its newest version. */
function feedsByDay(days: readonly string[], feeds: readonly DailyFeed[]): Array<DailyFeed | undefined> {
  const latest = new Map<string, DailyFeed>();
  for (const feed of feeds) {
    const held = latest.get(feed.date);
    if (held === undefined || feed.generatedAt > held.generatedAt) latest.set(feed.date, feed);
  }
  return days.map((day) => latest.get(day));
}

function rollUpCell(days: readonly string[], daily: ReadonlyArray<DailyFeedCell | undefined>): WeeklyCell {
  const present = daily.filter((c): c is DailyFeedCell => c !== undefined);
  const last = present[present.length - 1];
  if (last === undefined) throw new Error('a cell is rolled up only from the feeds that hold it');

  const figureKeys = new Map<string, { label: string; unit: string }>();
  for (const cell of present) for (const t of cell.totals) figureKeys.set(t.key, { label: t.label, unit: t.unit });
  const figures = [...figureKeys].map(([key, { label, unit }]) => {
    const series = daily.map((cell) => cell?.totals.find((t) => t.key === key)?.value ?? null);
    return { key, label, unit, series, trend: trendOf(series) };
  });

  const rags = daily.map((cell) => cell?.rag ?? null);
  const ragChanges: RagChange[] = [];
  let seen = false;
  let before: Rag | null = null;
  daily.forEach((cell, i) => {
    if (cell === undefined) return;
    // The first day known sets the baseline; a missing day neither changes nor resets it.
    if (seen && cell.rag !== before) ragChanges.push({ date: days[i] ?? '', from: before, to: cell.rag });
    seen = true;
    before = cell.rag;
  });

  const opened = new Set<string>();
  const breached = new Set<string>();
  const decisions = new Map<string, FeedDecision>();
  for (const cell of present) {
    for (const item of cell.escalations.items) {
      if (item.openedToday) opened.add(item.id);
      if (item.breached) breached.add(item.id);
    }
    for (const d of cell.decisions) decisions.set(d.id, d);
  }
  const lastDay = daily[daily.length - 1];
  const lastActions = [...present].reverse().find((cell) => cell.actions !== undefined)?.actions;
  return {
    slug: last.slug,
    name: last.name,
    status: last.status,
    figures,
    rags,
    ragChanges,
    escalations: {
      opened: opened.size,
      breached: breached.size,
      openAtEnd: lastDay === undefined ? null : lastDay.escalations.open,
    },
    decisions: [...decisions.values()].sort(
      (a, b) => a.sequence - b.sequence || a.recordedAt.localeCompare(b.recordedAt),
    ),
    actions:
      lastActions === undefined
        ? null
        : { open: lastActions.open, done: lastActions.done, overdue: lastActions.overdue },
  };
}

/**
 * The mayoral briefing: the week's daily feeds rolled up per cell. Feeds outside the week are ignored;
 * pass feeds already filtered for the reader and the briefing shows them nothing more.
 */
export function rollUpWeek(week: string, feeds: readonly DailyFeed[]): WeeklyBriefing {
  const days = isoWeekDays(week);
  const byDay = feedsByDay(days, feeds);
  const slugs: string[] = [];
  for (const feed of byDay) for (const cell of feed?.cells ?? []) if (!slugs.includes(cell.slug)) slugs.push(cell.slug);
  const cells = slugs.map((slug) =>
    rollUpCell(
      days,
      byDay.map((feed) => feed?.cells.find((c) => c.slug === slug)),
    ),
  );
  return { week, days, cells };
}
