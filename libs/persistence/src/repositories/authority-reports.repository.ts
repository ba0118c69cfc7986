import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthorityReports } from '@muster/application';
import type { Sitrep } from '@muster/domain';
import { SITREP_COLUMNS, SitrepRow, toSitrep } from './sitrep.repository';

/** One authority's latest report per cell and day (on the sitrep_authority_date index). */
@Injectable()
export class AuthorityReportsRepository extends AuthorityReports {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async latest(authority: string, from: string, through: string): Promise<Sitrep[]> {
    const rows: SitrepRow[] = await this.dataSource.query(
      `SELECT * FROM (
         SELECT DISTINCT ON (cell, date) ${SITREP_COLUMNS} FROM sitrep
          WHERE authority = $1 AND date BETWEEN $2::date AND $3::date
          ORDER BY cell, date, version DESC
       ) latest ORDER BY date, cell`,
      [authority, from, through],
    );
    return rows.map(toSitrep);
  }
}
