import { MigrationInterface, QueryRunner } from 'typeorm';
import { partitionByBuild, unpartition } from './partition-by-build';

/**
 * `metric_distinct_members` partitioned by build, as `activity_facts` is: a new build's
 * members are aggregated into an unindexed partition and get their primary key in one
 * sort, instead of one B-tree insertion per member row.
 */
export class PartitionMetricDistinctMembers1765065600000 implements MigrationInterface {
  name = 'PartitionMetricDistinctMembers1765065600000';

  async up(runner: QueryRunner): Promise<void> {
    await partitionByBuild(runner, 'metric_distinct_members');
  }

  async down(runner: QueryRunner): Promise<void> {
    await unpartition(runner, 'metric_distinct_members', [
      'projection_version',
      'metric_id',
      'fiscal_year',
      'municipality_code',
      'month',
      'member',
    ]);
  }
}
