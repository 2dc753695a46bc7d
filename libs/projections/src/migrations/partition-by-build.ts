import { QueryRunner } from 'typeorm';
import { sqlLiteral } from '../engine/sql-execute';

/**
 * Turns `table` into a table partitioned by `projection_version`, with no index of its
 * own: each build's partition is made by `buildPartitions` and gets its indexes from its
 * projection. Rows already there stay, as one partition holding the builds that made them,
 * with the indexes they had.
 */
export async function partitionByBuild(runner: QueryRunner, table: string): Promise<void> {
  const legacy = `${table}_legacy`;
  await runner.query(`ALTER TABLE ${table} RENAME TO ${legacy}`);
  await runner.query(
    `CREATE TABLE ${table} (LIKE ${legacy} INCLUDING DEFAULTS) PARTITION BY LIST (projection_version)`,
  );
  const versions: { projection_version: string }[] = await runner.query(
    `SELECT DISTINCT projection_version FROM ${legacy}`,
  );
  if (versions.length === 0) {
    await runner.query(`DROP TABLE ${legacy}`);
    return;
  }
  const list = versions.map((row) => sqlLiteral(row.projection_version)).join(', ');
  await runner.query(`ALTER TABLE ${table} ATTACH PARTITION ${legacy} FOR VALUES IN (${list})`);
}

/** Back to one plain table with `primaryKey`, holding every partition's rows. */
export async function unpartition(
  runner: QueryRunner,
  table: string,
  primaryKey: readonly string[],
): Promise<void> {
  const partitioned = `${table}_partitioned`;
  await runner.query(`ALTER TABLE ${table} RENAME TO ${partitioned}`);
  await runner.query(
    `CREATE TABLE ${table} (LIKE ${partitioned} INCLUDING DEFAULTS, PRIMARY KEY (${primaryKey.join(', ')}))`,
  );
  await runner.query(`INSERT INTO ${table} SELECT * FROM ${partitioned}`);
  await runner.query(`DROP TABLE ${partitioned} CASCADE`);
}
