import type { Sitrep } from '@muster/domain';

/** One authority's reports across every cell: what its officer's returns page reads, in one query. */
export abstract class AuthorityReports {
  /** The latest version of each cell's report for each day within [from, through], oldest day first. */
  abstract latest(authority: string, from: string, through: string): Promise<Sitrep[]>;
}
