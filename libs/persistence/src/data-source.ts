import { DataSource, DataSourceOptions } from 'typeorm';
import { entities } from './entities';
import { migrations } from './migrations';

export interface DatabaseSettings {
  url: string;
  poolSize: number;
  /** Names the connections in pg_stat_activity, e.g. `muster-api`. */
  applicationName?: string;
}

/** The one way every process and test reaches PostgreSQL. Schema changes only through migrations. */
export function dataSourceOptions(settings: DatabaseSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    entities,
    migrations,
    synchronize: false,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    applicationName: settings.applicationName ?? 'muster',
    poolSize: settings.poolSize,
    extra: {
      max: settings.poolSize,
      connectionTimeoutMillis: 5_000,
      // A statement that cannot finish in this time is a fault, not a slow request.
      statement_timeout: 15_000,
      idle_in_transaction_session_timeout: 30_000,
    },
  };
}

export function createDataSource(settings: DatabaseSettings): DataSource {
  return new DataSource(dataSourceOptions(settings));
}
