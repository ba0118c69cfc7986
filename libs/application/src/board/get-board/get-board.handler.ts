import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import {
  authorityRag,
  can,
  canSee,
  Cell,
  cellRag,
  forbidden,
  isStale,
  notFound,
  reportingDay,
  sensitiveAccess,
  sensitiveReach,
} from '@muster/domain';
import { auditEntries } from '../../data-protection/audit-reads';
import { BoardActionItem, BoardSitrepItem, BoardSource } from '../../ports/board';
import { Clock } from '../../ports/clock';
import { AccessAudit } from '../../ports/data-protection';
import { RegionSettings } from '../../ports/region-settings';
import { ReferenceData } from '../../ports/readers';
import { ActionCountsView, BoardAuthority, BoardCell, BoardView, GetBoard } from './get-board.query';

@QueryHandler(GetBoard)
export class GetBoardHandler implements IQueryHandler<GetBoard> {
  constructor(
    private readonly reference: ReferenceData,
    private readonly board: BoardSource,
    private readonly region: RegionSettings,
    private readonly clock: Clock,
    private readonly audit: AccessAudit,
  ) {}

  /** Reads a bounded set of current items, so the board costs the same on day 300 as on day 1. */
  async execute({ principal, at, cell: only }: GetBoard): Promise<BoardView> {
    if (!can(principal, 'reference.read')) throw forbidden('your token carries no Muster role');
    // Cells are open to every role: an unknown one is simply not there.
    if (only !== undefined && !(await this.reference.cellExists(only))) throw notFound(`cell ${only}`);
    // The reader's own last position: an `at` on or after an event hidden from them shows the picture, the time
    // and the day of the last event they may see, so no answer tells them when a hidden event happened.
    const position = await this.board.position(at, sensitiveReach(principal));
    const [items, cells, authorities] = await Promise.all([
      // Always the items at that position, even for "now": the projection may commit between the two reads,
      // and the picture must be the one `asOf.seq` names (a client passes it back as `?at=`).
      this.board.items(position.seq, only),
      this.reference.cells(),
      this.reference.authorities(),
    ]);
    const time = at === undefined || position.at === undefined ? this.clock.now() : new Date(position.at);
    const date = reportingDay(time, this.region.timeZone);
    const sitreps = new Map(items.sitreps.map((s) => [`${s.cell}/${s.authority}`, s]));

    const shown = only === undefined ? cells : cells.filter((cell) => cell.slug === only);
    const actionCounts = countActions(items.actions.filter((a) => canSee(principal, a)));
    const boardCells = shown.map((cell): BoardCell => {
      const rows = authorities.map((a) =>
        this.authorityRow(cell, a, sitreps.get(`${cell.slug}/${a.code}`), date, time),
      );
      return {
        slug: cell.slug,
        name: cell.name,
        // Every status change is a journal event the projection records: before the first, a cell is on standby
        // (its current status would rewrite the past for `?at=`).
        status: items.cells.get(cell.slug)?.status ?? 'standby',
        rag: cellRag(rows.map((r) => r.rag ?? undefined)) ?? null,
        figures: cell.figures.map(({ key, label, unit }) => ({ key, label, unit })),
        authorities: rows,
        actions: actionCounts.get(cell.slug) ?? { open: 0, done: 0, overdue: 0 },
      };
    });
    const visible = (item: { marking: 'OFFICIAL' | 'OFFICIAL-SENSITIVE'; cell?: string; authority?: string }) =>
      canSee(principal, {
        marking: item.marking,
        cell: item.cell,
        authorities: item.authority ? [item.authority] : [],
      });
    const escalations = items.escalations.filter(visible);
    const decisionRequests = items.requests.filter(visible);
    await auditEntries(this.audit, principal, [
      ...sensitiveAccess('board.read', 'escalation', escalations),
      ...sensitiveAccess('board.read', 'decision-request', decisionRequests),
    ]);
    return {
      asOf: { seq: position.seq, at: position.at ?? null },
      date,
      cells: boardCells,
      escalations,
      decisionRequests,
    };
  }

  private authorityRow(
    cell: Cell,
    authority: { code: string; name: string },
    item: BoardSitrepItem | undefined,
    date: string,
    time: Date,
  ): BoardAuthority {
    const reportedToday = item?.date === date;
    // Figures from an earlier day stand only where the cell carries them forward; the rest are unknown.
    const carries = new Set(cell.figures.filter((f) => f.carriesForward).map((f) => f.key));
    const figures = reportedToday
      ? item.figures
      : Object.fromEntries(Object.entries(item?.figures ?? {}).filter(([key]) => carries.has(key)));
    const carried = reportedToday ? item.carried : Object.keys(figures);
    return {
      code: authority.code,
      name: authority.name,
      rag: authorityRag(cell, figures, reportedToday ? item.rag : undefined) ?? null,
      stale: isStale(cell, reportedToday, date, time, this.region.timeZone),
      reportedFor: item?.date ?? null,
      figures,
      carried,
    };
  }
}

/** Open, done and overdue actions per cell. */
export function countActions(actions: readonly BoardActionItem[]): Map<string, ActionCountsView> {
  const counts = new Map<string, ActionCountsView>();
  for (const { cell, status } of actions) {
    if (status === 'dropped') continue;
    const current = counts.get(cell) ?? { open: 0, done: 0, overdue: 0 };
    counts.set(cell, { ...current, [status]: current[status] + 1 });
  }
  return counts;
}
