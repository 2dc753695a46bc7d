import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `audit_timeline_values` becomes partitioned by build, one partition per build: a rebuild
 * writes its values into a partition with no index to maintain and indexes it once when it
 * takes over (a sorted build instead of a B-tree insert per row), and a retired build's
 * values go with one DROP TABLE. Readers keep filtering on `projection_version`. The rows
 * already there stay, as one partition holding the builds that made them, keyed as before.
 */
export class PartitionTimelineValues1764400000004 implements MigrationInterface {
  name = 'PartitionTimelineValues1764400000004';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE audit_timeline_values RENAME TO audit_timeline_values_legacy');
    await runner.query(
      'CREATE TABLE audit_timeline_values (LIKE audit_timeline_values_legacy) PARTITION BY LIST (projection_version)',
    );
    const versions: { projection_version: string }[] = await runner.query(
      'SELECT DISTINCT projection_version FROM audit_timeline_values_legacy',
    );
    if (versions.length === 0) {
      await runner.query('DROP TABLE audit_timeline_values_legacy');
      return;
    }
    const list = versions
      .map((row) => `'${row.projection_version.replace(/'/g, "''")}'`)
      .join(', ');
    await runner.query(
      `ALTER TABLE audit_timeline_values ATTACH PARTITION audit_timeline_values_legacy FOR VALUES IN (${list})`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(
      'ALTER TABLE audit_timeline_values RENAME TO audit_timeline_values_partitioned',
    );
    await runner.query(
      `CREATE TABLE audit_timeline_values (LIKE audit_timeline_values_partitioned,
         PRIMARY KEY (projection_version, metric_id, fiscal_year, position))`,
    );
    await runner.query(
      'INSERT INTO audit_timeline_values SELECT * FROM audit_timeline_values_partitioned',
    );
    await runner.query('DROP TABLE audit_timeline_values_partitioned CASCADE');
  }
}
