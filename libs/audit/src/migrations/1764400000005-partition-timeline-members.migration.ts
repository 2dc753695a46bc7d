import { partitionByBuild, unpartition } from '@ledger/projections';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `audit_timeline_members` partitioned by build, as the timeline's other tables are: a
 * rebuild folds its members into an unindexed partition and gives them their primary key
 * in one sort, and a retired build's members go with a DROP TABLE instead of a DELETE.
 */
export class PartitionTimelineMembers1764400000005 implements MigrationInterface {
  name = 'PartitionTimelineMembers1764400000005';

  async up(runner: QueryRunner): Promise<void> {
    await partitionByBuild(runner, 'audit_timeline_members');
  }

  async down(runner: QueryRunner): Promise<void> {
    await unpartition(runner, 'audit_timeline_members', [
      'projection_version',
      'metric_id',
      'fiscal_year',
      'member',
    ]);
  }
}
