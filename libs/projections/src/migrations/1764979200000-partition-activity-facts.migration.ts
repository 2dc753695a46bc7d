import { MigrationInterface, QueryRunner } from 'typeorm';
import { sqlLiteral } from '../engine/sql-execute';

/**
 * `activity_facts` becomes a table partitioned by build, one partition per build. A new
 * build then fills a partition of its own with no index to maintain, indexes it once when
 * it takes over, and a retired build's facts go with one DROP TABLE instead of a DELETE of
 * every row; readers keep filtering on `projection_version` and see the same columns. The
 * facts already there stay, as one partition holding the builds that made them.
 */
export class PartitionActivityFacts1764979200000 implements MigrationInterface {
  name = 'PartitionActivityFacts1764979200000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE activity_facts RENAME TO activity_facts_legacy`);
    await runner.query(
      `CREATE TABLE activity_facts (LIKE activity_facts_legacy INCLUDING DEFAULTS)
       PARTITION BY LIST (projection_version)`,
    );
    const versions: { projection_version: string }[] = await runner.query(
      `SELECT DISTINCT projection_version FROM activity_facts_legacy`,
    );
    if (versions.length === 0) {
      await runner.query(`DROP TABLE activity_facts_legacy`);
      return;
    }
    const list = versions.map((row) => sqlLiteral(row.projection_version)).join(', ');
    await runner.query(
      `ALTER TABLE activity_facts ATTACH PARTITION activity_facts_legacy FOR VALUES IN (${list})`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE activity_facts RENAME TO activity_facts_partitioned`);
    await runner.query(
      `CREATE TABLE activity_facts (LIKE activity_facts_partitioned INCLUDING DEFAULTS,
         PRIMARY KEY (projection_version, event_id))`,
    );
    await runner.query(`INSERT INTO activity_facts SELECT * FROM activity_facts_partitioned`);
    await runner.query(`DROP TABLE activity_facts_partitioned CASCADE`);
    await runner.query(
      `CREATE INDEX activity_facts_by_year_type ON activity_facts (projection_version, fiscal_year, type)`,
    );
  }
}
