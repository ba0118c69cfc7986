import { Marking, Role } from '@muster/contracts';
import region from '../../../../data/regions/west-midlands.json';
import { principal, Principal } from '../access/principal';
import { ActivationCriterion, Cell, CellFigure, CellThreshold } from '../reference/region';
import { Sitrep } from './sitrep';

export const LONDON = 'Europe/London';

export const BIRMINGHAM = 'E08000025';
export const COVENTRY = 'E08000026';
export const DUDLEY = 'E08000027';
export const SANDWELL = 'E08000028';
export const SOLIHULL = 'E08000029';
export const WALSALL = 'E08000030';
export const WOLVERHAMPTON = 'E08000031';

/** The seven West Midlands boroughs, as seeded. */
export const AUTHORITIES: Array<{ code: string; name: string }> = region.authorities.map(({ code, name }) => ({ code, name }));
export const AUTHORITY_NAMES: ReadonlyMap<string, string> = new Map(AUTHORITIES.map((a) => [a.code, a.name]));

type SeededCell = (typeof region.cells)[number];

function criterion(c: SeededCell['activationCriteria'][number]): ActivationCriterion {
  const base = { description: c.description, ...(c.minAuthorities !== undefined && { minAuthorities: c.minAuthorities }) };
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

export function person(role: Role, fields: { authority?: string; cells?: string[]; clearance?: Marking } = {}): Principal {
  return principal({ sub: `${role}-1`, name: `A ${role}`, roles: [role], ...fields });
}

export const birminghamOfficer = person('authority-officer', { authority: BIRMINGHAM });
export const regional = person('regional-coordinator');

/** A first submission by the Birmingham officer for the PPE cell, with overrides. */
export function sitrep(overrides: Partial<Sitrep> = {}): Sitrep {
  return {
    cell: 'ppe',
    authority: BIRMINGHAM,
    date: '2026-11-20',
    version: 1,
    figures: {},
    submittedBy: { sub: birminghamOfficer.sub, name: birminghamOfficer.name },
    submittedAt: '2026-11-20T09:00:00.000Z',
    ...overrides,
  };
}
