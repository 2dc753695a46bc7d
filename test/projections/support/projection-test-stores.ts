import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import {
  PostgresEventStore,
  PostgresEventStoreOptions,
} from '../../../libs/event-store/src/postgres/postgres-event-store';
import {
  createReadModelDataSource,
  migrateReadModels,
} from '../../../libs/projections/src/read-model-data-source';

export interface ProjectionTestStores {
  eventStore: PostgresEventStore;
  dataSource: DataSource;
  close(): Promise<void>;
}

/** The event store and the read models on one database, as the PostgreSQL mode runs them. */
export async function openProjectionTestStores(
  url: string,
  liveNotifications = true,
  storeOptions: Omit<PostgresEventStoreOptions, 'liveNotifications'> = {},
): Promise<ProjectionTestStores> {
  const pool = new Pool({ connectionString: url, max: 5 });
  pool.on('error', () => undefined);
  const eventStore = new PostgresEventStore(pool, { ...storeOptions, liveNotifications });
  await eventStore.initialize();
  const dataSource = createReadModelDataSource(url, 5);
  await dataSource.initialize();
  await migrateReadModels(dataSource);
  return {
    eventStore,
    dataSource,
    close: async () => {
      await eventStore.close();
      await pool.end();
      await dataSource.destroy();
    },
  };
}
