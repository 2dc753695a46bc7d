import { Pool } from 'pg';
import { PostgresEventStore } from '../../libs/event-store/src/postgres/postgres-event-store';
import {
  createTestDatabase,
  describeWithPostgres,
  TestDatabase,
} from '../support/postgres-test-database';
import { newEvent } from './event-store.contract';

const WRITERS = 8;
const BATCHES_PER_WRITER = 625;
const BATCH_SIZE = 10;
const STREAMS_PER_WRITER = 4;
const TOTAL = WRITERS * BATCHES_PER_WRITER * BATCH_SIZE;

/**
 * The hazard: a writer that takes position 11 and commits before the writer holding 10
 * lets a subscriber read 11, move its cursor past 10, and never deliver 10. With eight
 * writers racing and a subscriber reading all along, any such skip shows up as a
 * difference between what the subscriber saw and the table's order.
 */
describeWithPostgres('PostgreSQL event store under concurrent writers', () => {
  let database: TestDatabase;
  let writerPool: Pool;
  let readerPool: Pool;
  let writer: PostgresEventStore;
  let reader: PostgresEventStore;

  beforeAll(async () => {
    database = await createTestDatabase();
    writerPool = new Pool({ connectionString: database.url, max: WRITERS });
    readerPool = new Pool({ connectionString: database.url, max: 2 });
    writer = new PostgresEventStore(writerPool, { liveNotifications: true });
    reader = new PostgresEventStore(readerPool, { liveNotifications: true });
    await writer.initialize();
  });

  afterAll(async () => {
    await writer?.close();
    await reader?.close();
    await writerPool?.end();
    await readerPool?.end();
    await database?.drop();
  });

  it(`delivers all ${TOTAL} events from ${WRITERS} writers in table order, none skipped or repeated`, async () => {
    const subscription = reader.subscribe({ after: 0 });
    const delivered: string[] = [];
    const subscriber = (async () => {
      for await (const event of subscription) {
        delivered.push(event.id);
        if (delivered.length === TOTAL) break;
      }
    })();

    const started = Date.now();
    await Promise.all(
      Array.from({ length: WRITERS }, async (_, w) => {
        for (let b = 0; b < BATCHES_PER_WRITER; b += 1) {
          const batch = Array.from({ length: BATCH_SIZE }, () => newEvent());
          await writer.append(`writer${w}-${b % STREAMS_PER_WRITER}`, batch, 'any');
        }
      }),
    );
    const appendSeconds = (Date.now() - started) / 1_000;

    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`subscriber stopped at ${delivered.length}`)),
        20_000,
      );
    });
    await Promise.race([subscriber, timeout]).finally(() => clearTimeout(timer));
    await subscription.close();

    const { rows } = await writerPool.query<{ event_id: string; position: string }>(
      'SELECT event_id, position FROM event_store.events ORDER BY position',
    );
    expect(rows).toHaveLength(TOTAL);
    expect(delivered).toEqual(rows.map((row) => row.event_id));
    expect(new Set(delivered).size).toBe(TOTAL);
    expect(rows.map((row) => Number(row.position))).toEqual(
      Array.from({ length: TOTAL }, (_, i) => i + 1),
    );
    const revisions = await writerPool.query<{ stream_id: string; count: string; max: number }>(
      'SELECT stream_id, count(*), max(revision) FROM event_store.events GROUP BY stream_id',
    );
    expect(revisions.rows).toHaveLength(WRITERS * STREAMS_PER_WRITER);
    for (const stream of revisions.rows) {
      expect(stream.max).toBe(Number(stream.count) - 1);
    }
    expect(appendSeconds).toBeLessThan(60);
  }, 120_000);
});
