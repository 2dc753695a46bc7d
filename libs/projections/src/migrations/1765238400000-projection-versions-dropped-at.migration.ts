import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `dropped_at` marks a retired build whose rows are gone. A takeover removes every retired
 * build not yet marked, so one whose removal was cut short (a crash just after the switch)
 * goes at the next takeover instead of staying for good. Builds retired before this are
 * left unmarked: removing one again finds nothing to remove.
 */
export class ProjectionVersionsDroppedAt1765238400000 implements MigrationInterface {
  name = 'ProjectionVersionsDroppedAt1765238400000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE projection_versions ADD COLUMN dropped_at timestamptz');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE projection_versions DROP COLUMN dropped_at');
  }
}
