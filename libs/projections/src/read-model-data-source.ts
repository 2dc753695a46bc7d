import { DataSource } from 'typeorm';
import { PROJECTION_ENTITIES, PROJECTION_MIGRATIONS } from './read-models';

/** A DataSource on the read-model database holding only the read side's tables. */
export function createReadModelDataSource(url: string, poolSize = 10): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: PROJECTION_ENTITIES,
    migrations: PROJECTION_MIGRATIONS,
    synchronize: false,
    extra: { max: poolSize },
  });
}

/**
 * Runs pending migrations with a session advisory lock held, so processes starting
 * together on PostgreSQL do not race to create the same tables. (On PGlite the lock never
 * blocks, but only the data directory's owner process runs migrations anyway.)
 */
export async function migrateReadModels(dataSource: DataSource): Promise<void> {
  const lock = dataSource.createQueryRunner();
  try {
    await lock.query(`SELECT pg_advisory_lock(${MIGRATION_LOCK})`);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await lock.query(`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`).catch(() => undefined);
    await lock.release();
  }
}

const MIGRATION_LOCK = 7_340_419;
