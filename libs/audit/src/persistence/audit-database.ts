import { DataSource, QueryRunner } from 'typeorm';
import { AUDIT_MIGRATIONS } from './audit-migrations';

/** Runs one statement and returns its rows (empty for commands that return none). */
export interface SqlRunner {
  query<Row = Record<string, unknown>>(sql: string, parameters?: unknown[]): Promise<Row[]>;
}

/** The read-model database as the audit library uses it. */
export interface AuditDatabase extends SqlRunner {
  transaction<T>(work: (transaction: SqlRunner) => Promise<T>): Promise<T>;
}

/** Same advisory lock as the other migrators, so processes starting together take turns. */
const MIGRATION_LOCK = 7_340_419;
const POOL_SIZE = 4;

/**
 * The audit tables live in the read-model database beside the projections' tables, under
 * the same TypeORM migrations table; this DataSource lists only the audit migrations, so
 * it can run them without knowing anyone else's.
 */
export async function openAuditDatabase(
  url: string,
): Promise<{ database: AuditDatabase; dataSource: DataSource; close(): Promise<void> }> {
  const dataSource = new DataSource({
    type: 'postgres',
    url,
    migrations: AUDIT_MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    extra: { max: POOL_SIZE },
  });
  await dataSource.initialize();
  try {
    const lock = dataSource.createQueryRunner();
    try {
      await lock.query(`SELECT pg_advisory_lock(${MIGRATION_LOCK})`);
      await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await lock.query(`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`).catch(() => undefined);
      await lock.release();
    }
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return { database: auditDatabaseOn(dataSource), dataSource, close: () => dataSource.destroy() };
}

export function auditDatabaseOn(dataSource: DataSource): AuditDatabase {
  return {
    query: async <Row>(sql: string, parameters: unknown[] = []) => {
      const runner = dataSource.createQueryRunner();
      try {
        return await run<Row>(runner, sql, parameters);
      } finally {
        await runner.release();
      }
    },
    transaction: async <T>(work: (transaction: SqlRunner) => Promise<T>) => {
      const runner = dataSource.createQueryRunner();
      try {
        await runner.startTransaction();
        const result = await work({
          query: (sql, parameters = []) => run(runner, sql, parameters),
        });
        await runner.commitTransaction();
        return result;
      } catch (error) {
        if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
        throw error;
      } finally {
        await runner.release();
      }
    },
  };
}

async function run<Row>(runner: QueryRunner, sql: string, parameters: unknown[]): Promise<Row[]> {
  const result = await runner.query(sql, parameters, true);
  return (result.records ?? []) as Row[];
}
