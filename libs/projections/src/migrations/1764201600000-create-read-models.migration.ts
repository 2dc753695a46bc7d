import { MigrationInterface, QueryRunner } from 'typeorm';

/** The projection engine's checkpoint table and the reporting projection's read models. */
export class CreateReadModels1764201600000 implements MigrationInterface {
  name = 'CreateReadModels1764201600000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE projection_versions (
        name text NOT NULL,
        version text NOT NULL,
        code_version text NOT NULL,
        status text NOT NULL CHECK (status IN ('building', 'active', 'retired')),
        position bigint NOT NULL DEFAULT 0,
        lease_owner text,
        lease_expires_at timestamptz,
        started_at timestamptz NOT NULL,
        activated_at timestamptz,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (name, version)
      )`);
    await runner.query(
      `CREATE UNIQUE INDEX projection_versions_one_active ON projection_versions (name) WHERE status = 'active'`,
    );
    await runner.query(`
      CREATE TABLE activity_facts (
        projection_version text NOT NULL,
        event_id uuid NOT NULL,
        position bigint NOT NULL,
        type text NOT NULL,
        stream_id text NOT NULL,
        occurred_on date NOT NULL,
        fiscal_year integer NOT NULL,
        month text NOT NULL,
        municipality_code text,
        body_id text,
        recorded_at timestamptz NOT NULL,
        recorded_by text,
        data jsonb NOT NULL,
        supersedes_event_id uuid,
        corrected_by_event_id uuid,
        correction_kind text,
        corrected_at_position bigint,
        corrected_recorded_at timestamptz,
        PRIMARY KEY (projection_version, event_id)
      )`);
    await runner.query(
      `CREATE INDEX activity_facts_by_year_type ON activity_facts (projection_version, fiscal_year, type)`,
    );
    await runner.query(`
      CREATE TABLE activity_corrections (
        projection_version text NOT NULL,
        target_event_id uuid NOT NULL,
        corrected_by_event_id uuid NOT NULL,
        kind text NOT NULL,
        position bigint NOT NULL,
        recorded_at timestamptz NOT NULL,
        PRIMARY KEY (projection_version, target_event_id)
      )`);
    await runner.query(`
      CREATE TABLE metric_counters (
        projection_version text NOT NULL,
        metric_id text NOT NULL,
        fiscal_year integer NOT NULL,
        municipality_code text NOT NULL,
        month text NOT NULL,
        value numeric NOT NULL,
        PRIMARY KEY (projection_version, metric_id, fiscal_year, municipality_code, month)
      )`);
    await runner.query(`
      CREATE TABLE metric_distinct_members (
        projection_version text NOT NULL,
        metric_id text NOT NULL,
        fiscal_year integer NOT NULL,
        municipality_code text NOT NULL,
        month text NOT NULL,
        member text NOT NULL,
        refcount integer NOT NULL,
        PRIMARY KEY (projection_version, metric_id, fiscal_year, municipality_code, month, member)
      )`);
    await runner.query(`
      CREATE TABLE plan_snapshots (
        projection_version text PRIMARY KEY,
        plan jsonb NOT NULL,
        position bigint NOT NULL
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of [
      'plan_snapshots',
      'metric_distinct_members',
      'metric_counters',
      'activity_corrections',
      'activity_facts',
      'projection_versions',
    ]) {
      await runner.query(`DROP TABLE ${table}`);
    }
  }
}
