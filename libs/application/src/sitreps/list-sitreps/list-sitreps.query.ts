import { Query } from '@nestjs/cqrs';
import { Principal, Sitrep } from '@muster/domain';

/** One authority's report for the day: the latest version, with every earlier one kept. */
export interface DaySitrep {
  authority: string;
  latest: Sitrep;
  history: Sitrep[];
}

export class ListSitreps extends Query<{ date: string; items: DaySitrep[] }> {
  constructor(
    readonly principal: Principal,
    readonly cell: string,
    readonly date: string | undefined,
  ) {
    super();
  }
}
