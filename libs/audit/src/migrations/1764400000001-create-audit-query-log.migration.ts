import { MigrationInterface, QueryRunner } from 'typeorm';

/** Every audit question asked: who, in which role, what, with which parameters, when. */
export class CreateAuditQueryLog1764400000001 implements MigrationInterface {
  name = 'CreateAuditQueryLog1764400000001';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE audit_query_log (
        id bigserial PRIMARY KEY,
        asked_at timestamptz NOT NULL,
        principal text NOT NULL,
        role text NOT NULL,
        body_id text,
        query text NOT NULL,
        parameters jsonb NOT NULL
      )`);
    await runner.query('CREATE INDEX audit_query_log_by_time ON audit_query_log (asked_at)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE audit_query_log');
  }
}
