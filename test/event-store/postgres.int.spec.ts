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

  async function openStore(schema?: string, pollIntervalMs?: number): Promise<PostgresEventStore> {
    const store = new PostgresEventStore(pool(), {
      schema,
      liveNotifications: true,
      pollIntervalMs,
    });
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

    it('looks the ids up through the index with the plan it made while the store was empty', async () => {
      // One connection, so every append runs in the session whose plans are watched.
      const session = pool(1);
      const empty = new PostgresEventStore(session, { schema: 'plans', liveNotifications: false });
      await empty.initialize();
      const client = await session.connect();
      const plans: string[] = [];
      client.on('notice', (notice) => plans.push(notice.message ?? ''));
      await client.query(`LOAD 'auto_explain'`);
      await client.query(`SET auto_explain.log_min_duration = 0`);
      await client.query(`SET auto_explain.log_nested_statements = on`);
      await client.query(`SET auto_explain.log_level = 'notice'`);
      client.release();
      // PL/pgSQL keeps a statement's plan for the session once its first few calls have
      // shown a generic plan does as well; a lookup planned as a sequential scan of the
      // then tiny table stays one as the table grows.
      for (let i = 0; i < 8; i += 1) {
        await empty.append(`plans-${randomUUID()}`, [newEvent(), newEvent()], 'no_stream');
      }
      plans.length = 0;
      await empty.append(`plans-${randomUUID()}`, [newEvent(), newEvent()], 'no_stream');

      const lookup = plans.filter((plan) => plan.includes("SELECT 'existing'"));
      expect(lookup).toHaveLength(1);
      expect(lookup[0]).toContain('events_event_id_key');
      expect(lookup[0]).not.toContain('Seq Scan on events');
      await empty.close();
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
      // Polling is set far beyond the test's timeout: only a notification can deliver.
      const reader = await openStore('specifics', 600_000);
      const writer = await openStore('specifics');
      const subscription = reader.subscribe({ after: await reader.headPosition() });
      const iterator = subscription[Symbol.asyncIterator]();
      const next = iterator.next();
      await new Promise((resolve) => setTimeout(resolve, 400));

      const event = newEvent();
      await writer.append(`notify-${randomUUID()}`, [event], 'no_stream');
      const delivered = await next;
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
  });
});
