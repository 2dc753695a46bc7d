import { QueryRunner } from 'typeorm';
import { ProjectionVersionStatus } from './projection-version.entity';
import { sqlLiteral } from './sql-execute';

/**
 * A projection's tables partitioned by build (`projection_version`), one partition per
 * build: a rebuild fills its partitions with no index to maintain and indexes them once
 * when it takes over (a sorted build instead of a B-tree insert per row), and a retired
 * build goes with a DROP TABLE.
 */
export const buildPartitions = {
  /** The partition of `table` holding one build (build keys are `1.9f2a1c0d` or `1.9f2a1c0d.r2`). */
  of(table: string, version: string): string {
    return `${table}_${version.toLowerCase().replace(/[^a-z0-9]/g, '_')}`;
  },

  /**
   * A building build's partitions only take appends until it completes, and no one reads
   * them: autovacuum stays off them until then. On two cores a vacuum of them competes with
   * the rebuild for CPU, and the completion's index builds would wait for it (a lock
   * conflict cancels autovacuum only after `deadlock_timeout`, a second by default).
   */
  async create(
    tables: readonly string[],
    version: string,
    status: ProjectionVersionStatus,
    tx: QueryRunner,
  ): Promise<void> {
    const storage = status === 'building' ? ' WITH (autovacuum_enabled = false)' : '';
    for (const table of tables) {
      await tx.query(
        `CREATE TABLE ${this.of(table, version)} PARTITION OF ${table}
           FOR VALUES IN (${sqlLiteral(version)})${storage}`,
      );
    }
  },

  /** The build is taking over: its partitions are vacuumed as any live table from now on. */
  async complete(tables: readonly string[], version: string, tx: QueryRunner): Promise<void> {
    for (const table of tables) {
      await tx.query(`ALTER TABLE ${this.of(table, version)} RESET (autovacuum_enabled)`);
    }
  },

  /**
   * Detaches each partition concurrently, then drops it. A plain DROP of a partition first
   * locks the whole table exclusively and then waits for whatever still holds the partition
   * (autovacuum, a query of the retired build): every reader of every build would queue
   * behind it. Runs outside a transaction, as CONCURRENTLY requires; a detach an earlier
   * attempt left pending is finalized.
   */
  async drop(tables: readonly string[], version: string, runner: QueryRunner): Promise<void> {
    for (const table of tables) {
      const partition = this.of(table, version);
      const attached: { pending: boolean }[] = await runner.query(
        'SELECT inhdetachpending AS pending FROM pg_inherits WHERE inhrelid = to_regclass($1)',
        [partition],
      );
      if (attached.length > 0) {
        const how = attached[0].pending ? 'FINALIZE' : 'CONCURRENTLY';
        await runner.query(`ALTER TABLE ${table} DETACH PARTITION ${partition} ${how}`);
      }
      await runner.query(`DROP TABLE IF EXISTS ${partition}`);
    }
  },
};
