import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SitrepReader } from '@muster/application';
import { Rag, Recorder, ReportedFigures, Sitrep } from '@muster/domain';

export interface SitrepRow {
  cell: string;
  authority: string;
  date: string;
  version: number;
  figures: Record<string, number>;
  narrative: string | null;
  rag: Rag | null;
  submitted_by: Recorder;
  submitted_at: Date;
}

export const SITREP_COLUMNS = `cell, authority, to_char(date, 'YYYY-MM-DD') AS date, version, figures, narrative, rag, submitted_by, submitted_at`;

/** Only what carrying forward needs: a 30-day window is hundreds of rows, and each column costs to parse. */
export const LATEST_IN_WINDOW = `
  SELECT DISTINCT ON (authority, date) cell, authority, to_char(date, 'YYYY-MM-DD') AS date, version, figures, rag FROM sitrep
   WHERE cell = $1 AND date BETWEEN $2::date AND $3::date
   ORDER BY authority, date, version DESC`;

export type WindowRow = Pick<SitrepRow, 'cell' | 'authority' | 'date' | 'version' | 'figures' | 'rag'>;

export function toReportedFigures(row: WindowRow): ReportedFigures {
  return {
    cell: row.cell,
    authority: row.authority,
    date: row.date,
    version: row.version,
    figures: row.figures,
    ...(row.rag === null ? {} : { rag: row.rag }),
  };
}

export function toSitrep(row: SitrepRow): Sitrep {
  return {
    ...toReportedFigures(row),
    ...(row.narrative === null ? {} : { narrative: row.narrative }),
    submittedBy: row.submitted_by,
    submittedAt: row.submitted_at.toISOString(),
  };
}

@Injectable()
export class SitrepRepository extends SitrepReader {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async forDate(cell: string, date: string): Promise<Sitrep[]> {
    const rows: SitrepRow[] = await this.dataSource.query(
      `SELECT ${SITREP_COLUMNS} FROM sitrep WHERE cell = $1 AND date = $2::date ORDER BY authority, version`,
      [cell, date],
    );
    return rows.map(toSitrep);
  }

  async window(cell: string, from: string, through: string): Promise<ReportedFigures[]> {
    const rows: WindowRow[] = await this.dataSource.query(LATEST_IN_WINDOW, [cell, from, through]);
    return rows.map(toReportedFigures);
  }
}
