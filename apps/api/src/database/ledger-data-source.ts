import { ACCESS_ENTITIES, ACCESS_MIGRATIONS } from '@ledger/access';
import { PROJECTION_ENTITIES, PROJECTION_MIGRATIONS } from '@ledger/projections';
import { DataSource } from 'typeorm';
import { RECORDED_EVENTS_MIGRATIONS } from '../recording/recorded-events/recorded-events-persistence';

const POOL_SIZE = 10;

/**
 * The api's one connection to the read-model database: API keys, the recorded-ids table
 * and the read models. Tables come only from migrations, never from `synchronize`.
 */
export function createLedgerDataSource(url: string): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: [...ACCESS_ENTITIES, ...PROJECTION_ENTITIES],
    migrations: [...ACCESS_MIGRATIONS, ...RECORDED_EVENTS_MIGRATIONS, ...PROJECTION_MIGRATIONS],
    synchronize: false,
    extra: { max: POOL_SIZE },
  });
}

/**
 * Same advisory lock as the projector's `migrateReadModels`, so processes starting together
 * on PostgreSQL run the shared migrations table one at a time.
 */
const MIGRATION_LOCK = 7_340_419;

export async function migrateLedgerDatabase(dataSource: DataSource): Promise<void> {
  const lock = dataSource.createQueryRunner();
  try {
    await lock.query(`SELECT pg_advisory_lock(${MIGRATION_LOCK})`);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await lock.query(`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`).catch(() => undefined);
    await lock.release();
  }
}
