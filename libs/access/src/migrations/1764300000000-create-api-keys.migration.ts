import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateApiKeys1764300000000 implements MigrationInterface {
  name = 'CreateApiKeys1764300000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE api_keys (
        id text PRIMARY KEY,
        principal text NOT NULL,
        role text NOT NULL CHECK (role IN ('recorder', 'analyst', 'auditor', 'admin')),
        body_id text,
        secret_hash bytea NOT NULL,
        created_at timestamptz NOT NULL,
        revoked_at timestamptz,
        CHECK (role <> 'recorder' OR body_id IS NOT NULL)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE api_keys`);
  }
}
