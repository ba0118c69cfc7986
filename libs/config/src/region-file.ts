import { readFile } from 'node:fs/promises';
import { z } from 'zod';

const slug = z.string().regex(/^[a-z][a-z0-9-]{0,62}$/);
const figureKey = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/);

/** E.164 as people write it for SMS: a plus, a country code and the number, 8 to 15 digits in all. */
export const MOBILE_NUMBER = /^\+[1-9]\d{7,14}$/;

/** Someone a scope falls back to when no shift covers the moment: a duty inbox, a desk's phone, a Teams channel. */
const contactPoint = z
  .strictObject({
    name: z.string().min(1),
    email: z.email().optional(),
    mobile: z.string().regex(MOBILE_NUMBER, 'an E.164 number such as +447700900123').optional(),
    teamsWebhook: z.url({ protocol: /^https$/ }).optional(),
  })
  .refine((c) => c.email !== undefined || c.mobile !== undefined || c.teamsWebhook !== undefined, {
    error: 'a contact point needs an email, a mobile or a Teams webhook',
  });

export type ContactPoint = z.infer<typeof contactPoint>;

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
  /**
   * Who holds a scope when no shift covers the moment: the regional desk, the national coordination centre
   * (a national hand-off reaches someone real), and a default for every cell that has no contact point of its own.
   */
  contacts: z.strictObject({
    regional: contactPoint,
    national: contactPoint,
    cells: z.object({ default: contactPoint }).catchall(contactPoint),
  }),
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
