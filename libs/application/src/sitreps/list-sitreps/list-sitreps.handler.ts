import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { reportingDay, Sitrep } from '@muster/domain';
import { requireCell } from '../../decisions/cell-access';
import { Clock } from '../../ports/clock';
import { RegionSettings } from '../../ports/region-settings';
import { ReferenceData, SitrepReader } from '../../ports/readers';
import { DaySitrep, ListSitreps } from './list-sitreps.query';

@QueryHandler(ListSitreps)
export class ListSitrepsHandler implements IQueryHandler<ListSitreps> {
  constructor(
    private readonly reference: ReferenceData,
    private readonly sitreps: SitrepReader,
    private readonly region: RegionSettings,
    private readonly clock: Clock,
  ) {}

  async execute({ principal, cell, date }: ListSitreps): Promise<{ date: string; items: DaySitrep[] }> {
    await requireCell(this.reference, principal, cell, 'cell.view');
    const day = date ?? reportingDay(this.clock.now(), this.region.timeZone);
    const versions = await this.sitreps.forDate(cell, day);
    const byAuthority = new Map<string, Sitrep[]>();
    for (const sitrep of versions)
      byAuthority.set(sitrep.authority, [...(byAuthority.get(sitrep.authority) ?? []), sitrep]);
    const items = [...byAuthority].map(([authority, history]) => ({
      authority,
      latest: history[history.length - 1] as Sitrep,
      history: history.slice(0, -1),
    }));
    return { date: day, items };
  }
}
