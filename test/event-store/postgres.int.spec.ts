import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import {
  DuplicateEventIdError,
  EventStoreUnavailableError,
  StoredEvent,
} from '@ledger/event-store';
import { openStores } from '../../libs/event-store/src/open-stores';
import { PostgresEventStore } from '../../libs/event-store/src/postgres/postgres-event-store';
import {
  createTestDatabase,
  describeWithPostgres,
  TestDatabase,
} from '../support/postgres-test-database';
import { describeEventStoreContract, newEvent } from './event-store.contract';

describeWithPostgres('PostgreSQL event store', () => {
  let database: TestDatabase;
  const pools: Pool[] = [];

  function pool(max = 10): Pool {
    const created = new Pool({ connectionString: database.url, max });
    pools.push(created);
    return created;
  }

  async function openStore(schema?: string): Promise<PostgresEventStore> {
    const store = new PostgresEventStore(pool(), { schema, liveNotifications: true });
    await store.initialize();
    return store;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await Promise.all(pools.map((created) => created.end()));
    await database?.drop();
  });

  describeEventStoreContract('PostgreSQL', async () => ({
    store: await openStore('contract'),
    dispose: async () => undefined,
  }));

  describe('adapter specifics', () => {
    let store: PostgresEventStore;

    beforeAll(async () => {
      store = await openStore('specifics');
    });

    afterAll(() => store.close());

    it('initializes idempotently, keeping what is stored', async () => {
      const streamId = `init-${randomUUID()}`;
      await store.append(streamId, [newEvent()], 'no_stream');
      await store.initialize();
      expect(await store.readStream(streamId)).toHaveLength(1);
    });

    it('rejects an id already stored in another stream, writing nothing', async () => {
      const reused = newEvent();
      await store.append(`first-${randomUUID()}`, [reused], 'no_stream');
      const other = `second-${randomUUID()}`;
      const head = await store.headPosition();

      const attempt = store.append(other, [newEvent(), reused], 'any');
      await expect(attempt).rejects.toBeInstanceOf(DuplicateEventIdError);
      await expect(attempt).rejects.toMatchObject({ eventIds: [reused.id] });
      expect(await store.headPosition()).toBe(head);
    });

    it('rejects a batch that only partly repeats an earlier append', async () => {
      const streamId = `partial-${randomUUID()}`;
      const [a, b] = [newEvent(), newEvent()];
      await store.append(streamId, [a, b], 'no_stream');
      await expect(store.append(streamId, [a, newEvent()], 'any')).rejects.toMatchObject({
        code: 'duplicate-event-id',
        eventIds: [a.id],
      });
      await expect(store.append(streamId, [b, a], 'any')).rejects.toBeInstanceOf(
        DuplicateEventIdError,
      );
      await expect(store.append(streamId, [a, a], 'any')).rejects.toBeInstanceOf(
        DuplicateEventIdError,
      );
      expect((await store.readStream(streamId)).map((e) => e.id)).toEqual([a.id, b.id]);
    });

    it('keeps stores in different schemas apart', async () => {
      const other = await openStore('specifics_other');
      const streamId = `apart-${randomUUID()}`;
      const result = await other.append(streamId, [newEvent()], 'no_stream');
      expect(result.positions).toEqual([1]);
      await expect(store.readStream(streamId)).rejects.toMatchObject({ code: 'stream-not-found' });
      await other.close();
    });

    it('wakes a subscription through LISTEN/NOTIFY when another process appends', async () => {
      const reader = await openStore('specifics');
      const writer = await openStore('specifics');
      const subscription = reader.subscribe({ after: await reader.headPosition() });
      const iterator = subscription[Symbol.asyncIterator]();
      const next = iterator.next();
      await new Promise((resolve) => setTimeout(resolve, 400));

      const event = newEvent();
      const startedAt = Date.now();
      await writer.append(`notify-${randomUUID()}`, [event], 'no_stream');
      const delivered = await next;
      // The polling fallback alone would take up to 250 ms.
      expect(Date.now() - startedAt).toBeLessThan(200);
      expect((delivered.value as StoredEvent).id).toBe(event.id);
      await reader.close();
      await writer.close();
    });

    it('ends open subscriptions when the store is closed', async () => {
      const closing = await openStore('specifics');
      const subscription = closing.subscribe();
      const drained = (async () => {
        const positions: number[] = [];
        for await (const event of subscription) positions.push(event.position);
        return positions;
      })();
      const all = await closing.readAll({ maxCount: 100_000 });
      await new Promise((resolve) => setTimeout(resolve, 100));
      await closing.close();
      await expect(drained).resolves.toEqual(all.map((event) => event.position));
    });

    it('is what openStores opens for a postgres:// EVENT_STORE_URL', async () => {
      const stores = await openStores({ EVENT_STORE_URL: database.url });
      const other = await openStores({
        EVENT_STORE_URL: database.url,
        DATABASE_URL: 'postgres://reader@127.0.0.1:5432/read_models',
      });
      const streamId = `open-stores-${randomUUID()}`;
      const event = newEvent();
      await stores.eventStore.append(streamId, [event], 'no_stream');

      expect(stores.kind).toBe('postgres');
      expect(stores.databaseUrl).toBe(database.url);
      expect(other.databaseUrl).toBe('postgres://reader@127.0.0.1:5432/read_models');
      expect((await other.eventStore.readStream(streamId)).map((e) => e.id)).toEqual([event.id]);
      await stores.close();
      await other.close();
    });

    it('refuses an EVENT_STORE_URL it does not know', async () => {
      await expect(openStores({ EVENT_STORE_URL: 'mysql://root@localhost/db' })).rejects.toThrow(
        'EVENT_STORE_URL must start with postgres://, postgresql://, esdb:// or esdb+discover://, or be unset for the embedded store; got mysql://…',
      );
    });

    it('reports an unreachable server as EventStoreUnavailableError', async () => {
      const unreachable = new Pool({
        connectionString: 'postgres://postgres:postgres@127.0.0.1:1/postgres',
        connectionTimeoutMillis: 2_000,
      });
      const offline = new PostgresEventStore(unreachable, { liveNotifications: false });
      await expect(offline.append('s-1', [newEvent()])).rejects.toBeInstanceOf(
        EventStoreUnavailableError,
      );
      await expect(offline.readAll()).rejects.toMatchObject({ code: 'store-unavailable' });
      await unreachable.end();
    });

    it('appends batches of 500 at least 0.6x as fast as a bare multi-row INSERT', async () => {
      const bench = await openStore('bench');
      const raw = pool(1);
      await raw.query(
        `CREATE TABLE bench.bare (LIKE bench.events INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)`,
      );
      const rounds = 16;
      const batchSize = 500;
      const batch = () => Array.from({ length: batchSize }, () => newEvent());
      let barePosition = 0;

      async function bareInsert(round: number): Promise<bigint> {
        const values: unknown[] = [];
        const tuples = batch().map((event, i) => {
          barePosition += 1;
          values.push(
            barePosition,
            event.id,
            `bare-${round}`,
            i,
            event.type,
            event.schemaVersion,
            JSON.stringify(event.data),
            JSON.stringify(event.metadata),
          );
          const p = i * 8;
          return `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}, $${p + 6}, $${p + 7}, $${p + 8})`;
        });
        const started = process.hrtime.bigint();
        await raw.query(
          `INSERT INTO bench.bare (position, event_id, stream_id, revision, type, schema_version, data, metadata)
           VALUES ${tuples.join(', ')}`,
          values,
        );
        return process.hrtime.bigint() - started;
      }

      async function storeAppend(round: number): Promise<bigint> {
        const events = batch();
        const started = process.hrtime.bigint();
        await bench.append(`bench-${round}`, events, 'no_stream');
        return process.hrtime.bigint() - started;
      }

      // Alternating, so load from suites running in parallel weighs on both sides alike;
      // round 0 only warms up plans and connections.
      let bareNs = 0n;
      let storeNs = 0n;
      for (let round = 0; round < rounds; round += 1) {
        const [bare, store] =
          round % 2 === 0
            ? [await bareInsert(round), await storeAppend(round)]
            : [await storeAppend(round), await bareInsert(round)].reverse();
        if (round > 0) {
          bareNs += bare;
          storeNs += store;
        }
      }

      expect(await bench.headPosition()).toBe(rounds * batchSize);
      const throughputRatio = Number(bareNs) / Number(storeNs);
      expect(throughputRatio).toBeGreaterThanOrEqual(0.6);
      await bench.close();
    });
  });
});
