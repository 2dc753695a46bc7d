import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The hash ledger: the chain hash after every event, keyed by the event's rank in the
 * global order. Checkpoint events anchor the chain in the store itself; the ledger lets
 * verify name the exact position where the store stopped matching, not just the interval.
 */
export class CreateHashChain1764400000000 implements MigrationInterface {
  name = 'CreateHashChain1764400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE audit_event_hashes (
        seq bigint PRIMARY KEY,
        position bigint NOT NULL,
        chain_hash bytea NOT NULL
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE audit_event_hashes');
  }
}
