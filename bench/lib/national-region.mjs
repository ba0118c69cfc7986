// A national-size region for the benchmarks: `authorities` synthetic authorities (GSS codes E09xxxxxx) and
// `cells` cells cloned in turn from the West Midlands' four (their figures, thresholds and cut-offs), so a
// board holds authorities x cells rows as England's would (about 340 x 50 = 17,000). Written as a region
// data file that `npm run seed` (REGION_DATA) loads.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from './processes.mjs';

export function nationalRegion({ authorities = 340, cells = 50 } = {}) {
  const base = JSON.parse(readFileSync(path.join(REPO_ROOT, 'data/regions/west-midlands.json'), 'utf8'));
  return {
    region: { code: 'E92000001', name: 'England (benchmark)', timeZone: base.region.timeZone },
    authorities: Array.from({ length: authorities }, (_, i) => ({
      code: `E09${String(100_000 + i).padStart(6, '0')}`,
      name: `Authority ${String(i + 1).padStart(3, '0')}`,
      kind: 'metropolitan-borough',
      validFrom: '2009-01-01',
    })),
    contacts: base.contacts,
    cells: Array.from({ length: cells }, (_, i) => {
      const model = base.cells[i % base.cells.length];
      const n = Math.floor(i / base.cells.length) + 1;
      return { ...model, slug: `${model.slug}-${n}`, name: `${model.name} ${n}` };
    }),
  };
}

/** Writes the region to a file of its own; returns its path (relative paths are read from the repository). */
export function writeRegionFile(region) {
  const dir = mkdtempSync(path.join(tmpdir(), 'muster-bench-region-'));
  const file = path.join(dir, 'region.json');
  writeFileSync(file, JSON.stringify(region, null, 1));
  return file;
}
