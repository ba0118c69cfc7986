import { loadConfigOrExit, loadRegionFile } from '@muster/config';
import { createDataSource } from '../data-source';
import { seedRegion } from '../seed/region-file';

/** `npm run seed`: loads the region's reference data from REGION_DATA. */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const region = await loadRegionFile(config.region.dataFile);
  const dataSource = createDataSource({ url: config.database.url, poolSize: 1, applicationName: 'muster-seed' });
  await dataSource.initialize();
  try {
    await seedRegion(dataSource, region);
    process.stdout.write(
      `seed: ${region.region.name}: ${region.authorities.length} authorities, ${region.cells.length} cells\n`,
    );
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`seed failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
