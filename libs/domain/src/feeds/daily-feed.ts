import { Marking } from '@muster/contracts';
import { EscalationStatus, Level } from '../escalations/escalation';
import { Cell, CellStatus } from '../reference/region';
import { authorityRag, cellRag } from '../sitreps/rag';
import { Rag } from '../sitreps/sitrep';
import { isStale } from '../sitreps/sitrep-rules';

/*
 * The daily situation feed (the region's CRIP) is arithmetic over inputs the caller has already
 * aggregated: one day's effective figures, the day before's, and the day's escalations and decisions.
 * Nothing here walks history, so a feed on day 300 costs what it cost on day 1.
 */

export interface FeedAuthority {
  code: string;
  name: string;
}

export interface FeedEscalation {
  id: string;
  title: string;
  level: Level;
  status: EscalationStatus;
  overdue: boolean;
  raisedAt: string;
  marking: Marking;
  authority?: string;
}

export interface FeedDecision {
  id: string;
  title: string;
  recordedAt: string;
  sequence: number;
  marking: Marking;
  authorities: string[];
}

/** An action of a logged decision as it stood at the end of the day. */
export interface FeedAction {
  id: string;
  status: 'open' | 'done' | 'dropped' | 'overdue';
  marking: Marking;
  authorities: string[];
}

/** A cell's actions at the end of the day: open, done and overdue (dropped ones are nobody's work). */
export interface FeedActions {
  open: number;
  done: number;
  overdue: number;
  items: FeedAction[];
}

export interface DailyFeedCellInput {
  cell: Cell;
  /** The region's authorities on the day; only these are totalled and judged. */
  authorities: readonly FeedAuthority[];
  /** Effective figures (reported or carried) per authority code, for the day and for the day before. */
  figures: ReadonlyMap<string, Readonly<Record<string, number>>>;
  previousFigures: ReadonlyMap<string, Readonly<Record<string, number>>>;
  /** Per authority code: whether it submitted for the day, and its own RAG if it gave one. */
  reports: ReadonlyMap<string, { reported: boolean; rag?: Rag }>;
  escalations: {
    /** Raised during the day. */
    opened: readonly FeedEscalation[];
    /** Not resolved at the end of the day. */
    open: readonly FeedEscalation[];
    /** Overdue, or climbed by the system during the day. */
    breached: readonly FeedEscalation[];
  };
  /** Decisions logged during the day. */
  decisions: readonly FeedDecision[];
  /** The cell's actions as they stood at the end of the day. */
  actions?: readonly FeedAction[];
  /** The decision log's head at the end of the day: anchors the log outside the database. */
  head: { sequence: number; hash: string };
}

export interface DailyFeedInput {
  date: string;
  region: { code: string; name: string };
  generatedAt: Date;
  timeZone: string;
  cells: readonly DailyFeedCellInput[];
}

export interface FeedTotal {
  key: string;
  label: string;
  unit: string;
  /** How `value` adds up: the sum, or the lowest authority's value (e.g. days of supply). */
  aggregate: 'sum' | 'min';
  /** Over the authorities with a value; null when none has one (missing is not zero). */
  value: number | null;
  previous: number | null;
  change: number | null;
}

/** One escalation once, with each way it concerns the day. */
export interface FeedEscalationItem extends FeedEscalation {
  openedToday: boolean;
  openAtEnd: boolean;
  breached: boolean;
}

/**
 * A decision log's head: its hash anchors the log outside the database. Its sequence says how many entries
 * the log holds, so it is null for a reader who may not see every entry of the cell.
 */
export interface FeedHead {
  sequence: number | null;
  hash: string;
}

export interface DailyFeedCell {
  slug: string;
  name: string;
  status: CellStatus;
  rag: Rag | null;
  totals: FeedTotal[];
  authorities: Array<{ code: string; name: string; rag: Rag | null; stale: boolean }>;
  /** Codes of the authorities that had not reported by the cut-off. */
  stale: string[];
  escalations: { opened: number; open: number; breached: number; items: FeedEscalationItem[] };
  decisions: FeedDecision[];
  /** Absent from feeds published before actions were tracked. */
  actions?: FeedActions;
  head: FeedHead;
}

export interface DailyFeed {
  date: string;
  region: { code: string; name: string };
  generatedAt: string;
  cells: DailyFeedCell[];
}

/** What a reader may see: the access policy's `canSee`, bound to the reader. */
export type FeedItemFilter = (item: { marking: Marking; cell: string; authorities: readonly string[] }) => boolean;

/** Sums drift in binary (0.1 + 0.2); figures are shown to at most six decimal places. */
const tidy = (n: number) => Math.round(n * 1e6) / 1e6;

function regional(
  key: string,
  aggregate: 'sum' | 'min',
  authorities: readonly FeedAuthority[],
  figures: ReadonlyMap<string, Readonly<Record<string, number>>>,
): number | null {
  let result: number | null = null;
  for (const { code } of authorities) {
    const value = figures.get(code)?.[key];
    if (value === undefined) continue;
    result = result === null ? value : aggregate === 'min' ? Math.min(result, value) : result + value;
  }
  return result === null ? null : tidy(result);
}

export function feedTotals(
  input: Pick<DailyFeedCellInput, 'cell' | 'authorities' | 'figures' | 'previousFigures'>,
): FeedTotal[] {
  return input.cell.figures.map(({ key, label, unit, aggregate = 'sum' }) => {
    const value = regional(key, aggregate, input.authorities, input.figures);
    const previous = regional(key, aggregate, input.authorities, input.previousFigures);
    const change = value !== null && previous !== null ? tidy(value - previous) : null;
    return { key, label, unit, aggregate, value, previous, change };
  });
}

/** Merges the day's three escalation lists into one item per escalation, oldest first. */
export function feedEscalations(escalations: DailyFeedCellInput['escalations']): FeedEscalationItem[] {
  const items = new Map<string, FeedEscalationItem>();
  const mark = (list: readonly FeedEscalation[], flag: 'openedToday' | 'openAtEnd' | 'breached') => {
    for (const e of list) {
      const item = items.get(e.id) ?? { ...e, openedToday: false, openAtEnd: false, breached: false };
      item[flag] = true;
      items.set(e.id, item);
    }
  };
  mark(escalations.opened, 'openedToday');
  mark(escalations.open, 'openAtEnd');
  mark(escalations.breached, 'breached');
  return [...items.values()].sort((a, b) => a.raisedAt.localeCompare(b.raisedAt) || a.id.localeCompare(b.id));
}

function escalationSummary(items: FeedEscalationItem[]): DailyFeedCell['escalations'] {
  return {
    opened: items.filter((i) => i.openedToday).length,
    open: items.filter((i) => i.openAtEnd).length,
    breached: items.filter((i) => i.breached).length,
    items,
  };
}

export function buildFeedCell(
  input: DailyFeedCellInput,
  ctx: { date: string; generatedAt: Date; timeZone: string },
): DailyFeedCell {
  const { cell } = input;
  const authorities = input.authorities.map(({ code, name }) => {
    const report = input.reports.get(code);
    const rag = authorityRag(cell, input.figures.get(code) ?? {}, report?.rag) ?? null;
    const stale = isStale(cell, report?.reported ?? false, ctx.date, ctx.generatedAt, ctx.timeZone);
    return { code, name, rag, stale };
  });
  return {
    slug: cell.slug,
    name: cell.name,
    status: cell.status,
    rag: cellRag(authorities.map((a) => a.rag ?? undefined)) ?? null,
    totals: feedTotals(input),
    authorities,
    stale: authorities.filter((a) => a.stale).map((a) => a.code),
    escalations: escalationSummary(feedEscalations(input.escalations)),
    decisions: [...input.decisions]
      .sort((a, b) => a.sequence - b.sequence)
      .map((d) => ({ ...d, authorities: [...d.authorities] })),
    actions: actionSummary((input.actions ?? []).map((a) => ({ ...a, authorities: [...a.authorities] }))),
    head: { ...input.head },
  };
}

/** Counted from the items, so a reader's feed recounts from what they may see. */
function actionSummary(items: FeedAction[]): FeedActions {
  const count = (status: FeedAction['status']) => items.filter((a) => a.status === status).length;
  return { open: count('open'), done: count('done'), overdue: count('overdue'), items };
}

/** The full feed, at every marking; serve it only through `forReader`. */
export function buildDailyFeed(input: DailyFeedInput): DailyFeed {
  const ctx = { date: input.date, generatedAt: input.generatedAt, timeZone: input.timeZone };
  return {
    date: input.date,
    region: { ...input.region },
    generatedAt: input.generatedAt.toISOString(),
    cells: input.cells.map((cell) => buildFeedCell(cell, ctx)),
  };
}

/**
 * The feed as one reader may see it: escalations and decisions they may not see are removed and every
 * count is recounted from what remains, so not even the number of hidden items shows through. The head
 * keeps its hash; its sequence (the log's length) only for a reader who may see any entry of the cell.
 */
export function forReader(feed: DailyFeed, canSeeItem: FeedItemFilter): DailyFeed {
  return {
    ...feed,
    cells: feed.cells.map((cell) => {
      const items = cell.escalations.items.filter((e) =>
        canSeeItem({
          marking: e.marking,
          cell: cell.slug,
          authorities: e.authority === undefined ? [] : [e.authority],
        }),
      );
      const decisions = cell.decisions.filter((d) =>
        canSeeItem({ marking: d.marking, cell: cell.slug, authorities: d.authorities }),
      );
      const wholeLog = canSeeItem({ marking: 'OFFICIAL-SENSITIVE', cell: cell.slug, authorities: [] });
      const head = wholeLog ? cell.head : { sequence: null, hash: cell.head.hash };
      const actions =
        cell.actions === undefined
          ? undefined
          : actionSummary(
              cell.actions.items.filter((a) =>
                canSeeItem({ marking: a.marking, cell: cell.slug, authorities: a.authorities }),
              ),
            );
      return { ...cell, escalations: escalationSummary(items), decisions, ...(actions && { actions }), head };
    }),
  };
}
