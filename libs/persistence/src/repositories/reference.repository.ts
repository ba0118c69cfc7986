import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ReferenceData } from '@muster/application';
import { Authority, Cell } from '@muster/domain';
import { AuthorityEntity, CellEntity } from '../entities';

/** Authority codes change rarely and are checked on every write; a short cache saves a query each time. */
const AUTHORITY_CACHE_MS = 30_000;

@Injectable()
export class ReferenceRepository extends ReferenceData {
  private codes: { at: number; value: ReadonlySet<string> } | undefined;
  /** Every write names a cell; cells are never deleted, so a cell seen once needs no query again. */
  private readonly knownCells = new Set<string>();

  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async authorities(): Promise<Authority[]> {
    const rows = await this.dataSource.getRepository(AuthorityEntity).find({ order: { code: 'ASC' } });
    return rows.map((row) => ({
      code: row.code,
      name: row.name,
      kind: row.kind,
      validFrom: row.validFrom,
      ...(row.validTo === null ? {} : { validTo: row.validTo }),
    }));
  }

  async authorityCodes(): Promise<ReadonlySet<string>> {
    if (this.codes === undefined || Date.now() - this.codes.at > AUTHORITY_CACHE_MS) {
      const rows: Array<{ code: string }> = await this.dataSource.query(
        `SELECT code FROM authority WHERE valid_to IS NULL OR valid_to >= current_date`,
      );
      this.codes = { at: Date.now(), value: new Set(rows.map((row) => row.code)) };
    }
    return this.codes.value;
  }

  async cells(): Promise<Cell[]> {
    const rows = await this.dataSource.getRepository(CellEntity).find({ order: { slug: 'ASC' } });
    return rows.map(toCell);
  }

  override async cellExists(slug: string): Promise<boolean> {
    if (this.knownCells.has(slug)) return true;
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM cell WHERE slug = $1`, [slug]);
    if (rows.length > 0) this.knownCells.add(slug);
    return rows.length > 0;
  }

  async cell(slug: string): Promise<Cell | undefined> {
    const row = await this.dataSource.getRepository(CellEntity).findOneBy({ slug });
    return row === null ? undefined : toCell(row);
  }
}

export function toCell(row: CellEntity): Cell {
  return {
    slug: row.slug,
    name: row.name,
    description: row.description,
    status: row.status,
    ...(row.lead === null ? {} : { lead: row.lead }),
    decisionTimescaleMinutes: row.decisionTimescaleMinutes,
    sitrepCutoff: row.sitrepCutoff,
    figures: row.figures,
    thresholds: row.thresholds,
    activationCriteria: row.activationCriteria,
  };
}
