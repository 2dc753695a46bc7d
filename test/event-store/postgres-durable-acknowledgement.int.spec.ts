import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { PostgresEventStore } from '../../libs/event-store/src/postgres/postgres-event-store';
import {
  createTestDatabase,
  describeWithPostgres,
  TestDatabase,
} from '../support/postgres-test-database';
import { newEvent } from './event-store.contract';

const CONCURRENT_APPENDS = 8;
const ROUNDS = 5;

/**
 * Acknowledged means on disk. Appends made beside others wait and go together in one call,
 * and each must be answered only once that call's commit is flushed: were it committed
 * without waiting for the disk, the acknowledgement would run ahead of the disk by up to
 * the WAL writer's delay. The check reads the WAL itself
 * (pg_walinspect reads only what has been flushed): each acknowledged event's commit record
 * must lie below the flush position taken right after the acknowledgement.
 */
describeWithPostgres('PostgreSQL event store: acknowledged appends are on disk', () => {
  let database: TestDatabase;
  let pool: Pool;
  /** One connection, so the probe's reads queue in order beside the appends' pool. */
  let probe: Pool;
  let store: PostgresEventStore;

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = new Pool({ connectionString: database.url, max: CONCURRENT_APPENDS + 2 });
    probe = new Pool({ connectionString: database.url, max: 1 });
    await probe.query('CREATE EXTENSION IF NOT EXISTS pg_walinspect');
    store = new PostgresEventStore(pool, { liveNotifications: false });
    await store.initialize();
  });

  afterAll(async () => {
    await store?.close();
    await probe?.end();
    await pool?.end();
    await database?.drop();
  });

  async function lsn(sql: string): Promise<string> {
    const { rows } = await probe.query<{ lsn: string }>(`SELECT ${sql} AS lsn`);
    return rows[0].lsn;
  }

  async function commitFlushedBy(eventId: string, from: string, flushed: string): Promise<boolean> {
    const { rows } = await probe.query<{ found: boolean }>(
      `SELECT EXISTS (
         SELECT 1 FROM pg_get_wal_records_info($2::pg_lsn, $3::pg_lsn) r
          WHERE r.resource_manager = 'Transaction' AND r.record_type = 'COMMIT'
            AND r.xid = (SELECT xmin FROM event_store.events WHERE event_id = $1)
       ) AS found`,
      [eventId, from, flushed],
    );
    return rows[0].found;
  }

  it(`answers each of ${CONCURRENT_APPENDS} concurrent appends only once its commit is flushed, ${ROUNDS} rounds`, async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const from = await lsn('pg_current_wal_insert_lsn()');
      const events = Array.from({ length: CONCURRENT_APPENDS }, () => newEvent());
      const acknowledged = await Promise.all(
        events.map(async (event) => {
          await store.append(`durable-${randomUUID()}`, [event], 'no_stream');
          return { id: event.id, flushed: await lsn('pg_current_wal_flush_lsn()') };
        }),
      );
      const unflushed: string[] = [];
      for (const { id, flushed } of acknowledged) {
        if (!(await commitFlushedBy(id, from, flushed))) unflushed.push(id);
      }
      expect(unflushed).toEqual([]);
    }
  });
});
