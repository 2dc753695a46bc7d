import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateRecordedEventIds1764300100000 implements MigrationInterface {
  name = 'CreateRecordedEventIds1764300100000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE recorded_event_ids (
        event_id uuid PRIMARY KEY,
        position bigint NOT NULL
      )`);
    // How far the table has been caught up from the store's global order. Rows that
    // `remember` adds out of order do not move it, so no earlier event is ever skipped.
    await runner.query(`
      CREATE TABLE recorded_event_ids_checkpoint (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        position bigint NOT NULL
      )`);
    await runner.query(`INSERT INTO recorded_event_ids_checkpoint (position) VALUES (0)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE recorded_event_ids_checkpoint`);
    await runner.query(`DROP TABLE recorded_event_ids`);
  }
}
