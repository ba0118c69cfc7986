import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { SitrepReader, SitrepWriter } from '@muster/application';
import { Rag, Recorder, Sitrep } from '@muster/domain';

interface SitrepRow {
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

const COLUMNS = `cell, authority, to_char(date, 'YYYY-MM-DD') AS date, version, figures, narrative, rag, submitted_by, submitted_at`;

const LATEST_IN_WINDOW = `
  SELECT DISTINCT ON (authority, date) ${COLUMNS} FROM sitrep
   WHERE cell = $1 AND date BETWEEN $2::date AND $3::date
   ORDER BY authority, date, version DESC`;

function toSitrep(row: SitrepRow): Sitrep {
  return {
    cell: row.cell,
    authority: row.authority,
    date: row.date,
    version: row.version,
    figures: row.figures,
    ...(row.narrative === null ? {} : { narrative: row.narrative }),
    ...(row.rag === null ? {} : { rag: row.rag }),
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
      `SELECT ${COLUMNS} FROM sitrep WHERE cell = $1 AND date = $2::date ORDER BY authority, version`,
      [cell, date],
    );
    return rows.map(toSitrep);
  }

  async window(cell: string, from: string, through: string): Promise<Sitrep[]> {
    const rows: SitrepRow[] = await this.dataSource.query(LATEST_IN_WINDOW, [cell, from, through]);
    return rows.map(toSitrep);
  }
}

export class TransactionalSitrepWriter implements SitrepWriter {
  constructor(private readonly manager: EntityManager) {}

  async latestVersion(cell: string, authority: string, date: string): Promise<number | undefined> {
    // Resubmissions of one report take turns (until commit), so each gets the next version, never a clash.
    await this.manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`sitrep/${cell}/${authority}/${date}`]);
    const rows: Array<{ version: number }> = await this.manager.query(
      `SELECT max(version) AS version FROM sitrep WHERE cell = $1 AND authority = $2 AND date = $3::date`,
      [cell, authority, date],
    );
    return rows[0]?.version ?? undefined;
  }

  async insert(s: Sitrep): Promise<void> {
    await this.manager.query(
      `INSERT INTO sitrep (cell, authority, date, version, figures, narrative, rag, submitted_by, submitted_at)
       VALUES ($1, $2, $3::date, $4, $5, $6, $7, $8, $9)`,
      [
        s.cell,
        s.authority,
        s.date,
        s.version,
        JSON.stringify(s.figures),
        s.narrative ?? null,
        s.rag ?? null,
        JSON.stringify(s.submittedBy),
        s.submittedAt,
      ],
    );
  }

  async window(cell: string, from: string, through: string): Promise<Sitrep[]> {
    const rows: SitrepRow[] = await this.manager.query(LATEST_IN_WINDOW, [cell, from, through]);
    return rows.map(toSitrep);
  }
}
