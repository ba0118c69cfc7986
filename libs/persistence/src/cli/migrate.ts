import { loadConfigOrExit } from '@muster/config';
import { createDataSource } from '../data-source';

/** `npm run migrate`: applies pending migrations to DATABASE_URL. */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const dataSource = createDataSource({ url: config.database.url, poolSize: 1, applicationName: 'muster-migrate' });
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    process.stdout.write(
      applied.length === 0
        ? 'migrations: up to date\n'
        : `migrations: applied ${applied.map((m) => m.name).join(', ')}\n`,
    );
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`migration failed: ${String(error instanceof Error ? error.stack : String(error))}\n`);
  process.exit(1);
});
