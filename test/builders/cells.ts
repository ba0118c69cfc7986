import type { ActivationCriterion, Cell, CellDefinition, CellFigure, CellThreshold } from '@muster/domain';
import region from '../../data/regions/west-midlands.json';

type SeededCell = (typeof region.cells)[number];

function criterion(c: SeededCell['activationCriteria'][number]): ActivationCriterion {
  const base = {
    description: c.description,
    ...(c.minAuthorities !== undefined && { minAuthorities: c.minAuthorities }),
  };
  if ('below' in c && c.below !== undefined) return { ...base, figure: c.figure, below: c.below };
  if ('above' in c && c.above !== undefined) return { ...base, figure: c.figure, above: c.above };
  return base;
}

/** A cell exactly as the region file seeds it (standby, reporting by 10:00), with overrides. */
export function seededCell(slug: 'homelessness' | 'food' | 'ppe' | 'shielding', overrides: Partial<Cell> = {}): Cell {
  const seeded = region.cells.find((c) => c.slug === slug);
  if (seeded === undefined) throw new Error(`no seeded cell ${slug}`);
  return {
    slug: seeded.slug,
    name: seeded.name,
    description: seeded.description,
    status: 'standby',
    decisionTimescaleMinutes: seeded.decisionTimescaleMinutes,
    sitrepCutoff: '10:00',
    figures: seeded.figures.map((f): CellFigure => ({
      key: f.key,
      label: f.label,
      unit: f.unit,
      carriesForward: f.carriesForward,
      ...('aggregate' in f && f.aggregate === 'min' ? { aggregate: 'min' as const } : {}),
    })),
    thresholds: seeded.thresholds.map((t): CellThreshold => ({
      ...t,
      direction: t.direction === 'higher-is-worse' ? 'higher-is-worse' : 'lower-is-worse',
    })),
    activationCriteria: seeded.activationCriteria.map(criterion),
    ...overrides,
  };
}

/** A small cell that is easy to reason about: one carried figure, one not, one threshold each way. */
export function tinyCell(overrides: Partial<Cell> = {}): Cell {
  return {
    slug: 'tiny',
    name: 'Tiny',
    description: '',
    status: 'standby',
    decisionTimescaleMinutes: 60,
    sitrepCutoff: '10:00',
    figures: [
      { key: 'stock_days', label: 'Days of stock', unit: 'days', carriesForward: true },
      { key: 'requests', label: 'Requests', unit: 'requests', carriesForward: false },
    ],
    thresholds: [
      { figure: 'stock_days', direction: 'lower-is-worse', red: 3, amber: 7 },
      { figure: 'requests', direction: 'higher-is-worse', red: 100, amber: 50 },
    ],
    activationCriteria: [],
    ...overrides,
  };
}

export const FFP3_CRITERION = 'FFP3 masks: under 3 days of supply in two or more authorities';

/** A PPE cell shaped like the seeded one, cut down to three figures: two carried, one not. */
export function ppeCell(overrides: Partial<Cell> = {}): Cell {
  return {
    slug: 'ppe',
    name: 'PPE',
    description: 'Regional sourcing and distribution of personal protective equipment.',
    status: 'standby',
    decisionTimescaleMinutes: 90,
    sitrepCutoff: '10:00',
    figures: [
      { key: 'ffp3_masks_days', label: 'FFP3 masks: days of supply', unit: 'days', carriesForward: true },
      { key: 'gloves_days', label: 'Gloves: days of supply', unit: 'days', carriesForward: true },
      { key: 'requests_outstanding', label: 'PPE requests outstanding', unit: 'requests', carriesForward: false },
    ],
    thresholds: [
      { figure: 'ffp3_masks_days', direction: 'lower-is-worse', red: 3, amber: 7 },
      { figure: 'gloves_days', direction: 'lower-is-worse', red: 3, amber: 7 },
      { figure: 'requests_outstanding', direction: 'higher-is-worse', red: 100, amber: 50 },
    ],
    activationCriteria: [
      { description: FFP3_CRITERION, figure: 'ffp3_masks_days', below: 3, minAuthorities: 2 },
      {
        description: 'Gloves: under 3 days of supply in two or more authorities',
        figure: 'gloves_days',
        below: 3,
        minAuthorities: 2,
      },
    ],
    ...overrides,
  };
}

/** A second cell with no criteria, so the board has more than one. */
export function foodCell(overrides: Partial<Cell> = {}): Cell {
  return {
    slug: 'food',
    name: 'Food hubs',
    description: '',
    status: 'standby',
    decisionTimescaleMinutes: 120,
    sitrepCutoff: '10:00',
    figures: [{ key: 'requests_outstanding', label: 'Requests outstanding', unit: 'requests', carriesForward: false }],
    thresholds: [{ figure: 'requests_outstanding', direction: 'higher-is-worse', red: 500, amber: 200 }],
    activationCriteria: [],
    ...overrides,
  };
}

/** A new cell for a new crisis, as a regional coordinator defines it, with overrides. */
export function cellDefinition(overrides: Partial<CellDefinition> = {}): CellDefinition {
  return {
    slug: 'shelters',
    name: 'Emergency shelters',
    decisionTimescaleMinutes: 45,
    figures: [
      { key: 'beds_free', label: 'Beds free', unit: 'beds', carriesForward: false },
      { key: 'cots_days', label: 'Cots: days of supply', unit: 'days', carriesForward: true },
    ],
    thresholds: [{ figure: 'beds_free', direction: 'lower-is-worse', red: 10, amber: 50 }],
    activationCriteria: [
      { description: 'Under 10 beds in two or more', figure: 'beds_free', below: 10, minAuthorities: 2 },
    ],
    ...overrides,
  };
}
