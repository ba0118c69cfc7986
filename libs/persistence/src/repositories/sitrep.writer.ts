import { EntityManager } from 'typeorm';
import { reportKey, SitrepWriter } from '@muster/application';
import { ReportedFigures, Sitrep } from '@muster/domain';
import { valueRows } from '../sql/value-rows';
import { writerFor } from '../transaction-writers';
import {
  LATEST_IN_WINDOW,
  SITREP_COLUMNS,
  SitrepRow,
  toReportedFigures,
  toSitrep,
  WindowRow,
} from './sitrep.repository';

export class TransactionalSitrepWriter extends SitrepWriter {
  constructor(private readonly manager: EntityManager) {
    super();
  }

  async latest(
    cell: string,
    reports: ReadonlyArray<{ authority: string; date: string }>,
  ): Promise<ReadonlyMap<string, Sitrep>> {
    if (reports.length === 0) return new Map();
    const rows: SitrepRow[] = await this.manager.query(
      `SELECT DISTINCT ON (authority, date) ${SITREP_COLUMNS} FROM sitrep
        WHERE cell = $1 AND (authority, date) IN (SELECT * FROM unnest($2::text[], $3::date[]))
        ORDER BY authority, date, version DESC`,
      [cell, reports.map((r) => r.authority), reports.map((r) => r.date)],
    );
    return new Map(rows.map((row) => [reportKey(row.authority, row.date), toSitrep(row)]));
  }

  async insert(sitreps: readonly Sitrep[]): Promise<void> {
    if (sitreps.length === 0) return;
    const { tuples, values } = valueRows(
      sitreps.map((s) => [
        s.cell,
        s.authority,
        s.date,
        s.version,
        JSON.stringify(s.figures),
        s.narrative ?? null,
        s.rag ?? null,
        JSON.stringify(s.submittedBy),
        s.submittedAt,
      ]),
      { 2: 'date' },
    );
    await this.manager.query(
      `INSERT INTO sitrep (cell, authority, date, version, figures, narrative, rag, submitted_by, submitted_at)
       VALUES ${tuples}`,
      values,
    );
  }

  async window(cell: string, from: string, through: string): Promise<ReportedFigures[]> {
    const rows: WindowRow[] = await this.manager.query(LATEST_IN_WINDOW, [cell, from, through]);
    return rows.map(toReportedFigures);
  }
}

export const sitrepWriter = writerFor(SitrepWriter, (manager) => new TransactionalSitrepWriter(manager));
