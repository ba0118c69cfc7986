import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { DataSource } from 'typeorm';

const slug = z.string().regex(/^[a-z][a-z0-9-]{0,62}$/);
const figureKey = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/);

/** A region is data: another region, or a national deployment, is another file of this shape. */
export const regionFileSchema = z.object({
  region: z.object({ code: z.string(), name: z.string(), timeZone: z.string() }),
  authorities: z
    .array(
      z.object({
        code: z.string().regex(/^[EWSN]\d{8}$/, 'a GSS code such as E08000025'),
        name: z.string().min(1),
        kind: z.string().min(1),
        validFrom: z.iso.date(),
        validTo: z.iso.date().optional(),
      }),
    )
    .min(1),
  cells: z.array(
    z.object({
      slug,
      name: z.string().min(1),
      description: z.string().default(''),
      decisionTimescaleMinutes: z.number().int().positive(),
      sitrepCutoff: z
        .string()
        .regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'a local time such as 10:00')
        .default('10:00'),
      figures: z
        .array(
          z.object({
            key: figureKey,
            label: z.string(),
            unit: z.string(),
            carriesForward: z.boolean(),
            aggregate: z.enum(['sum', 'min']).optional(),
          }),
        )
        .min(1),
      thresholds: z.array(
        z.object({
          figure: figureKey,
          direction: z.enum(['lower-is-worse', 'higher-is-worse']),
          red: z.number(),
          amber: z.number(),
        }),
      ),
      activationCriteria: z
        .array(
          z.object({
            description: z.string(),
            figure: figureKey.optional(),
            below: z.number().optional(),
            above: z.number().optional(),
            minAuthorities: z.number().int().positive().optional(),
          }),
        )
        .default([]),
    }),
  ),
});

export type RegionFile = z.infer<typeof regionFileSchema>;

export async function loadRegionFile(path: string): Promise<RegionFile> {
  const parsed = regionFileSchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Region file ${path} is invalid:\n${problems}`);
  }
  return parsed.data;
}

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
