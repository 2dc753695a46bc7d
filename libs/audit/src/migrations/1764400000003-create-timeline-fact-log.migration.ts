import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The metric timeline's facts as read: each activity's contributions and each correction,
 * appended as they arrive, one partition per build. A rebuild appends them unindexed and
 * folds them set-based when it takes over; a live build looks them up by event id. They
 * replace `audit_timeline_facts` (one JSON row per fact, upserted per batch), which stays
 * only for the builds made before this, until they are dropped.
 */
export class CreateTimelineFactLog1764400000003 implements MigrationInterface {
  name = 'CreateTimelineFactLog1764400000003';

  async up(runner: QueryRunner): Promise<void> {
    // `metric_ordinal` is the metric's place in the build's catalogue (from 1; a build's
    // catalogue never changes, its key fingerprints it); a member or an amount, as the
    // metric's kind has it.
    await runner.query(`
      CREATE TABLE audit_timeline_contributions (
        projection_version text NOT NULL,
        position bigint NOT NULL,
        event_id uuid NOT NULL,
        metric_ordinal integer NOT NULL,
        fiscal_year integer NOT NULL,
        member text,
        amount numeric
      ) PARTITION BY LIST (projection_version)`);
    await runner.query(`
      CREATE TABLE audit_timeline_drops (
        projection_version text NOT NULL,
        position bigint NOT NULL,
        target_event_id uuid NOT NULL
      ) PARTITION BY LIST (projection_version)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE audit_timeline_drops');
    await runner.query('DROP TABLE audit_timeline_contributions');
  }
}
