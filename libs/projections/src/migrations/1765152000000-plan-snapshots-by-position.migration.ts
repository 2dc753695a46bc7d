import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `plan_snapshots` keeps every state the plan reached in a build, keyed by the position of
 * the plan event that produced it, instead of only the latest: an as-of answer grades a
 * past cut against the targets and bands of the plan as it stood then. A build's one row
 * so far is its latest state at the position it was reached, so it stays as it is.
 */
export class PlanSnapshotsByPosition1765152000000 implements MigrationInterface {
  name = 'PlanSnapshotsByPosition1765152000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE plan_snapshots DROP CONSTRAINT plan_snapshots_pkey');
    await runner.query('ALTER TABLE plan_snapshots ADD PRIMARY KEY (projection_version, position)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(
      `DELETE FROM plan_snapshots p
        WHERE position < (SELECT max(position) FROM plan_snapshots l WHERE l.projection_version = p.projection_version)`,
    );
    await runner.query('ALTER TABLE plan_snapshots DROP CONSTRAINT plan_snapshots_pkey');
    await runner.query('ALTER TABLE plan_snapshots ADD PRIMARY KEY (projection_version)');
  }
}
