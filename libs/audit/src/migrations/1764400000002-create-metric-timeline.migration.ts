import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The metric timeline projection: each metric's whole-year value after every event that
 * changed it, and the store's clock (the longest prefix of the global order recorded by
 * each instant), so an as-of answer is two index lookups whatever the store's size.
 */
export class CreateMetricTimeline1764400000002 implements MigrationInterface {
  name = 'CreateMetricTimeline1764400000002';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE audit_timeline_facts (
        projection_version text NOT NULL,
        event_id uuid NOT NULL,
        contributions jsonb NOT NULL,
        dropped boolean NOT NULL,
        PRIMARY KEY (projection_version, event_id)
      )`);
    await runner.query(`
      CREATE TABLE audit_timeline_members (
        projection_version text NOT NULL,
        metric_id text NOT NULL,
        fiscal_year integer NOT NULL,
        member text NOT NULL,
        refcount integer NOT NULL,
        PRIMARY KEY (projection_version, metric_id, fiscal_year, member)
      )`);
    await runner.query(`
      CREATE TABLE audit_timeline_values (
        projection_version text NOT NULL,
        metric_id text NOT NULL,
        fiscal_year integer NOT NULL,
        position bigint NOT NULL,
        value numeric NOT NULL,
        PRIMARY KEY (projection_version, metric_id, fiscal_year, position)
      )`);
    await runner.query(`
      CREATE TABLE audit_timeline_clock (
        projection_version text NOT NULL,
        recorded_max timestamptz NOT NULL,
        through_position bigint NOT NULL,
        PRIMARY KEY (projection_version, recorded_max)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of [
      'audit_timeline_clock',
      'audit_timeline_values',
      'audit_timeline_members',
      'audit_timeline_facts',
    ]) {
      await runner.query(`DROP TABLE ${table}`);
    }
  }
}
