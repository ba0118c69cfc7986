import type { BoardMoment, BoardView } from '@muster/application';
import type { Rag } from '@muster/domain';
import { dayText, Option, selectOptions, tag, Tag, timeText } from '../../view/format';
import { authorityRows } from './board-rows';

export interface BoardQuery {
  cell?: string;
  at?: number;
}

export interface BoardCellModel {
  slug: string;
  name: string;
  status: Tag;
  rag: Tag;
  figureLabels: string[];
  /** The authorities' rows, as HTML (board-rows.ts says why). */
  rows: string;
  staleCount: number;
  /** Its actions in words ("2 open, 1 done, 1 overdue"), and whether any is overdue. */
  actions: { text: string; overdue: boolean };
}

/** The board page's view model: everything already worded; the templates only place and escape it. */
export interface BoardPageModel {
  pageTitle: string;
  heading: string;
  asOf: string;
  historic: boolean;
  cellOptions: Option[];
  momentOptions: Option[];
  cells: BoardCellModel[];
  escalations: Array<{
    title: string;
    href: string;
    where: string;
    severity: string;
    level: string;
    status: Tag;
    due: string;
    sensitive: boolean;
  }>;
  requests: Array<{ question: string; href: string; where: string; due: string; status: Tag; sensitive: boolean }>;
  /** What the page's script listens to; absent for a picture as it stood, which does not change. */
  live?: { topics: string; cell: string };
}

const RAG_TAGS: Record<Rag, Tag> = {
  red: tag('Red', 'govuk-tag--red'),
  amber: tag('Amber', 'govuk-tag--orange'),
  green: tag('Green', 'govuk-tag--green'),
};
const NO_RAG = tag('No RAG', 'govuk-tag--grey');
const STATUS_TAGS: Record<string, Tag> = {
  active: tag('Active', 'govuk-tag--blue'),
  standby: tag('Standby', 'govuk-tag--grey'),
  'stood-down': tag('Stood down', 'govuk-tag--grey'),
};
const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Every cell by slug and name, for the filter (the view holds only the one shown when filtered). */
export type CellChoice = { slug: string; name: string };

export function boardModel(
  view: BoardView,
  reference: { cells: readonly CellChoice[]; moments: readonly BoardMoment[]; timeZone: string },
  query: BoardQuery,
): BoardPageModel {
  const cellNames = new Map(reference.cells.map((c) => [c.slug, c.name]));
  const authorityNames = new Map(view.cells[0]?.authorities.map((a) => [a.code, a.name]) ?? []);
  const where = (cell?: string, authority?: string) =>
    [
      cell === undefined ? undefined : (cellNames.get(cell) ?? cell),
      authority === undefined ? undefined : (authorityNames.get(authority) ?? authority),
    ]
      .filter((part) => part !== undefined)
      .join(', ');
  const shownCell = query.cell === undefined ? undefined : cellNames.get(query.cell);
  const historic = query.at !== undefined;
  const when = view.asOf.at === null ? undefined : timeText(view.asOf.at, reference.timeZone);
  return {
    pageTitle: 'Board',
    heading: shownCell === undefined ? 'Board' : `Board: ${shownCell}`,
    asOf: historic ? `As it stood at ${when ?? 'the start'}` : `Now, for ${dayText(view.date)}`,
    historic,
    cellOptions: selectOptions(
      'All cells',
      '',
      reference.cells.map((c) => ({ value: c.slug, text: c.name })),
      query.cell ?? '',
    ),
    momentOptions: selectOptions(
      'Now',
      '',
      reference.moments.map((m) => ({
        value: String(m.seq),
        text: `${timeText(m.at, reference.timeZone)}: ${cellNames.get(m.cell) ?? m.cell}, ${m.title}`,
      })),
      query.at === undefined ? '' : String(view.asOf.seq),
    ),
    cells: view.cells.map(cellModel),
    escalations: view.escalations.map((e) => ({
      title: e.title,
      href: `/escalations/${e.id}`,
      where: where(e.cell, e.authority),
      severity: capital(e.severity),
      level: capital(e.level),
      status: e.overdue
        ? tag('Overdue', 'govuk-tag--red')
        : tag(capital(e.status), e.status === 'open' ? 'govuk-tag--blue' : 'govuk-tag--green'),
      due: e.ackDueAt === null ? '—' : timeText(e.ackDueAt, reference.timeZone),
      sensitive: e.marking === 'OFFICIAL-SENSITIVE',
    })),
    requests: view.decisionRequests.map((r) => ({
      question: r.question,
      href: `/cells/${String(r.cell)}/decision-requests#request-${r.id}`,
      where: where(r.cell, r.authority),
      due: timeText(r.dueAt, reference.timeZone),
      status: r.status === 'overdue' ? tag('Overdue', 'govuk-tag--red') : tag(capital(r.status), 'govuk-tag--blue'),
      sensitive: r.marking === 'OFFICIAL-SENSITIVE',
    })),
    ...(historic ? {} : { live: { topics: 'region', cell: query.cell ?? '' } }),
  };
}

function cellModel(cell: BoardView['cells'][number]): BoardCellModel {
  const figures = cell.figures;
  return {
    slug: cell.slug,
    name: cell.name,
    status: STATUS_TAGS[cell.status] ?? tag(capital(cell.status), 'govuk-tag--grey'),
    rag: cell.rag === null ? NO_RAG : RAG_TAGS[cell.rag],
    figureLabels: figures.map((f) => (f.unit === '' ? f.label : `${f.label} (${f.unit})`)),
    staleCount: cell.authorities.filter((a) => a.stale).length,
    rows: authorityRows(cell, figures),
    actions: {
      text: `Actions: ${String(cell.actions.open)} open, ${String(cell.actions.done)} done, ${String(cell.actions.overdue)} overdue`,
      overdue: cell.actions.overdue > 0,
    },
  };
}
