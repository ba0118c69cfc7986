import { DataSource } from 'typeorm';
import type { RegionFile } from '@muster/config';

/**
 * Upserts the authorities and adds missing cells. Existing cells are left as they are: their figures
 * and thresholds may since have been changed through the API.
 */
export async function seedRegion(dataSource: DataSource, region: RegionFile): Promise<void> {
  await dataSource.transaction(async (manager) => {
    for (const a of region.authorities) {
      await manager.query(
        `INSERT INTO authority (code, name, kind, valid_from, valid_to) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind,
           valid_from = EXCLUDED.valid_from, valid_to = EXCLUDED.valid_to`,
        [a.code, a.name, a.kind, a.validFrom, a.validTo ?? null],
      );
    }
    for (const c of region.cells) {
      await manager.query(
        `INSERT INTO cell (slug, name, description, decision_timescale_minutes, sitrep_cutoff, figures, thresholds, activation_criteria)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (slug) DO NOTHING`,
        [
          c.slug,
          c.name,
          c.description,
          c.decisionTimescaleMinutes,
          c.sitrepCutoff,
          JSON.stringify(c.figures),
          JSON.stringify(c.thresholds),
          JSON.stringify(c.activationCriteria),
        ],
      );
      await manager.query(`INSERT INTO decision_log_head (cell) VALUES ($1) ON CONFLICT (cell) DO NOTHING`, [c.slug]);
    }
  });
}
