import type { Sitrep } from '@muster/domain';
import { officer } from './people';
import { BIRMINGHAM } from './region';

/** A first submission by the Birmingham officer for the PPE cell, with overrides. */
export function sitrep(overrides: Partial<Sitrep> = {}): Sitrep {
  const by = officer();
  return {
    cell: 'ppe',
    authority: BIRMINGHAM,
    date: '2026-11-20',
    version: 1,
    figures: {},
    submittedBy: { sub: by.sub, name: by.name },
    submittedAt: '2026-11-20T09:00:00.000Z',
    ...overrides,
  };
}

/** One authority's report for one day, submitted at 08:00 UTC that day. */
export function report(
  authority: string,
  date: string,
  figures: Record<string, number>,
  extra: Partial<Sitrep> = {},
): Sitrep {
  return sitrep({
    authority,
    date,
    figures,
    submittedBy: { sub: 'o', name: 'Officer' },
    submittedAt: `${date}T08:00:00.000Z`,
    ...extra,
  });
}
