import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a metric timeline build that no one reads yet appends batch by batch: each
 * activity's contributions and each correction, as read, in a partition of its own per
 * build and without indexes. Completing the build folds them set-based into the timeline
 * tables and drops the partitions (see `MetricTimelineProjection.completeVersion`).
 */
export class CreateTimelineStaging1764400000003 implements MigrationInterface {
  name = 'CreateTimelineStaging1764400000003';

  async up(runner: QueryRunner): Promise<void> {
    // `metric_ordinal` is the metric's place in the build's catalogue (from 1), which also
    // orders a fact's contributions; a member or an amount, as the metric's kind has it.
    await runner.query(`
      CREATE TABLE audit_timeline_staged_contributions (
        projection_version text NOT NULL,
        position bigint NOT NULL,
        event_id uuid NOT NULL,
        metric_ordinal integer NOT NULL,
        fiscal_year integer NOT NULL,
        member text,
        amount numeric
      ) PARTITION BY LIST (projection_version)`);
    await runner.query(`
      CREATE TABLE audit_timeline_staged_drops (
        projection_version text NOT NULL,
        position bigint NOT NULL,
        target_event_id uuid NOT NULL
      ) PARTITION BY LIST (projection_version)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE audit_timeline_staged_drops');
    await runner.query('DROP TABLE audit_timeline_staged_contributions');
  }
}
