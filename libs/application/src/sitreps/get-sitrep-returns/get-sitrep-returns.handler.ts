import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import {
  canSubmitSitrep,
  Cell,
  figureOrigins,
  forbidden,
  isStale,
  lastOwnRag,
  notFound,
  reportingDay,
  Sitrep,
  sitrepCutoffInstant,
} from '@muster/domain';
import { AuthorityReports } from '../../ports/authority-reports';
import { Clock } from '../../ports/clock';
import { ReferenceData } from '../../ports/readers';
import { RegionSettings } from '../../ports/region-settings';
import { carryWindowStart } from '../effective-day';
import { GetSitrepReturns, SitrepReturn, SitrepReturns } from './get-sitrep-returns.query';

@QueryHandler(GetSitrepReturns)
export class GetSitrepReturnsHandler implements IQueryHandler<GetSitrepReturns> {
  constructor(
    private readonly reference: ReferenceData,
    private readonly reports: AuthorityReports,
    private readonly region: RegionSettings,
    private readonly clock: Clock,
  ) {}

  async execute({ principal, authority, date }: GetSitrepReturns): Promise<SitrepReturns> {
    if (!canSubmitSitrep(principal, authority))
      throw forbidden('only officers of the authority or regional coordinators make its returns');
    const found = (await this.reference.authorities()).find((a) => a.code === authority);
    if (found === undefined) throw notFound(`authority ${authority}`);
    const now = this.clock.now();
    const day = date ?? reportingDay(now, this.region.timeZone);
    const [cells, history] = await Promise.all([
      this.reference.cells(),
      this.reports.latest(authority, carryWindowStart(day), day),
    ]);
    const byCell = new Map<string, Sitrep[]>();
    for (const sitrep of history) byCell.set(sitrep.cell, [...(byCell.get(sitrep.cell) ?? []), sitrep]);
    return {
      date: day,
      authority: { code: found.code, name: found.name },
      returns: cells.map((cell) => this.returnOf(cell, byCell.get(cell.slug) ?? [], day, now)),
    };
  }

  private returnOf(cell: Cell, history: readonly Sitrep[], day: string, now: Date): SitrepReturn {
    const sent = history.find((s) => s.date === day);
    const ownRag = lastOwnRag(history, day);
    return {
      cell: {
        slug: cell.slug,
        name: cell.name,
        status: cell.status,
        figures: cell.figures,
        sitrepCutoff: cell.sitrepCutoff,
      },
      state: sent !== undefined ? 'done' : isStale(cell, false, day, now, this.region.timeZone) ? 'late' : 'due',
      cutoffAt: sitrepCutoffInstant(cell, day, this.region.timeZone).toISOString(),
      ...(sent === undefined ? {} : { sent }),
      figures: figureOrigins(cell, history, day),
      ...(ownRag === undefined ? {} : { ownRag }),
    };
  }
}
