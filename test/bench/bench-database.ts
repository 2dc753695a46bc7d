import { PostgresEventStore } from '@ledger/event-store';
import { createReadModelDataSource, migrateReadModels } from '@ledger/projections';
import { Client, Pool } from 'pg';
import { DataSource } from 'typeorm';

export const BENCH_SERVER_URL =
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres';
/** BENCH_DATABASE names the run's database, so two runs on one server keep apart. */
const BENCH_DATABASE = benchDatabaseName(process.env.BENCH_DATABASE ?? 'ledger_bench');

function benchDatabaseName(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) {
    throw new Error(`BENCH_DATABASE must be a lower-case SQL identifier, not ${name}`);
  }
  return name;
}

/**
 * The run's own database, dropped and created anew for each dataset size, holding our
 * event store (schema `event_store`), the read models, and whatever the baselines and the
 * peer store create beside them.
 */
export class BenchDatabase {
  private dataSource: DataSource | undefined;

  private constructor(
    readonly url: string,
    /** For the store and for bare baseline statements alike, so both pay the same driver. */
    readonly pool: Pool,
    readonly eventStore: PostgresEventStore,
  ) {}

  static async create(): Promise<BenchDatabase> {
    await withServer(async (admin) => {
      await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DATABASE} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${BENCH_DATABASE}`);
    });
    const url = new URL(BENCH_SERVER_URL);
    url.pathname = `/${BENCH_DATABASE}`;
    const pool = new Pool({ connectionString: url.toString(), max: 10 });
    pool.on('error', () => undefined);
    const eventStore = new PostgresEventStore(pool, { liveNotifications: true });
    await eventStore.initialize();
    return new BenchDatabase(url.toString(), pool, eventStore);
  }

  /** The read models, migrated, on the same database (as the PostgreSQL mode runs them). */
  async readModels(): Promise<DataSource> {
    if (!this.dataSource) {
      const dataSource = createReadModelDataSource(this.url, 5);
      await dataSource.initialize();
      await migrateReadModels(dataSource);
      this.dataSource = dataSource;
    }
    return this.dataSource;
  }

  /** Reclaims dead rows and refreshes statistics, so every reader starts from the same state. */
  async vacuum(): Promise<void> {
    await this.pool.query('VACUUM ANALYZE');
  }

  async close(): Promise<void> {
    await this.eventStore.close();
    await this.dataSource?.destroy();
    await this.pool.end();
  }
}

export async function serverVersion(): Promise<string> {
  let version = '';
  await withServer(async (admin) => {
    const { rows } = await admin.query<{ server_version: string }>('SHOW server_version');
    version = rows[0].server_version;
  });
  return version;
}

async function withServer(work: (admin: Client) => Promise<void>): Promise<void> {
  const admin = new Client({ connectionString: BENCH_SERVER_URL });
  await admin.connect();
  try {
    await work(admin);
  } finally {
    await admin.end();
  }
}
