import type { Authority } from '@muster/domain';
import region from '../../data/regions/west-midlands.json';

/** The region the tests run in: the West Midlands as the seed file describes it. */
export const REGION = { code: region.region.code, name: region.region.name };
/** The region's time zone, which decides what "today" is. */
export const LONDON = 'Europe/London';

export const BIRMINGHAM = 'E08000025';
export const COVENTRY = 'E08000026';
export const DUDLEY = 'E08000027';
export const SANDWELL = 'E08000028';
export const SOLIHULL = 'E08000029';
export const WALSALL = 'E08000030';
export const WOLVERHAMPTON = 'E08000031';
/** A GSS code of no authority in the region. */
export const UNKNOWN_AUTHORITY = 'E08000099';

/** An authority as seeded, with overrides; a code the file lacks gets a made-up one. */
export function authority(code: string, overrides: Partial<Authority> = {}): Authority {
  const seeded = region.authorities.find((a) => a.code === code);
  return {
    code,
    name: seeded?.name ?? code,
    kind: seeded?.kind ?? 'metropolitan-borough',
    validFrom: seeded?.validFrom ?? '2009-01-01',
    ...overrides,
  };
}

/** The seeded authorities with the given codes, in that order; all seven boroughs without codes. */
export function authorities(...codes: string[]): Authority[] {
  return (codes.length > 0 ? codes : region.authorities.map((a) => a.code)).map((code) => authority(code));
}

/** Each borough's name by its code. */
export const AUTHORITY_NAMES: ReadonlyMap<string, string> = new Map(authorities().map((a) => [a.code, a.name]));

/** The seven boroughs' codes, in the seed file's order. */
export const AUTHORITY_CODES: readonly string[] = authorities().map((a) => a.code);
