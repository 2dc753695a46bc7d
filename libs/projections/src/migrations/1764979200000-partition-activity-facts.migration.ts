import { MigrationInterface, QueryRunner } from 'typeorm';
import { partitionByBuild, unpartition } from './partition-by-build';

/**
 * `activity_facts` becomes a table partitioned by build, one partition per build. A new
 * build then fills a partition of its own with no index to maintain, indexes it once when
 * it takes over, and a retired build's facts go with one DROP TABLE instead of a DELETE of
 * every row; readers keep filtering on `projection_version` and see the same columns.
 */
export class PartitionActivityFacts1764979200000 implements MigrationInterface {
  name = 'PartitionActivityFacts1764979200000';

  async up(runner: QueryRunner): Promise<void> {
    await partitionByBuild(runner, 'activity_facts');
  }

  async down(runner: QueryRunner): Promise<void> {
    await unpartition(runner, 'activity_facts', ['projection_version', 'event_id']);
    await runner.query(
      `CREATE INDEX activity_facts_by_year_type ON activity_facts (projection_version, fiscal_year, type)`,
    );
  }
}
