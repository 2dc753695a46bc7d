import { EventStore, NewEvent, PostgresEventStore, ReadAllOptions } from '@ledger/event-store';
import { Pool } from 'pg';
import { QueryRunner } from 'typeorm';
import { newEvent } from '../../../../../test/event-store/event-store.contract';
import {
  createTestDatabase,
  describeWithPostgres,
  TestDatabase,
} from '../../../../../test/support/postgres-test-database';
import { CreateRecordedEventIds1764300100000 } from './migrations/1764300100000-create-recorded-event-ids.migration';
import { StoreBackedRecordedEventsLookup } from './store-backed-recorded-events.lookup';

describeWithPostgres('StoreBackedRecordedEventsLookup on PostgreSQL', () => {
  let database: TestDatabase;
  let storePool: Pool;
  let lookupPool: Pool;
  let store: PostgresEventStore;
  /** Positions of every event the lookup read back from the store. */
  let readBack: number[];
  let lookup: StoreBackedRecordedEventsLookup;

  beforeAll(async () => {
    database = await createTestDatabase();
    storePool = new Pool({ connectionString: database.url, max: 4 });
    store = new PostgresEventStore(storePool, { liveNotifications: false });
    await store.initialize();
    lookupPool = StoreBackedRecordedEventsLookup.poolFor(database.url);
    const runner = { query: (sql: string) => lookupPool.query(sql) } as unknown as QueryRunner;
    await new CreateRecordedEventIds1764300100000().up(runner);
    const counted: EventStore = Object.create(store) as EventStore;
    counted.readAll = async (options?: ReadAllOptions) => {
      const page = await store.readAll(options);
      readBack.push(...page.map((event) => event.position));
      return page;
    };
    lookup = new StoreBackedRecordedEventsLookup(lookupPool, counted, { densePositions: true });
  });

  beforeEach(() => {
    readBack = [];
  });

  afterAll(async () => {
    await lookup?.close();
    await store?.close();
    await storePool?.end();
    await database?.drop();
  });

  async function append(events: NewEvent[], remembered: boolean): Promise<number[]> {
    const { positions } = await store.append(`lookup-${events[0].id}`, events, 'no_stream');
    if (remembered) {
      await lookup.remember(events.map((event, i) => ({ id: event.id, position: positions[i] })));
    }
    return positions;
  }

  async function checkpoint(): Promise<number> {
    const { rows } = await lookupPool.query<{ position: string }>(
      `SELECT position FROM recorded_event_ids_checkpoint`,
    );
    return Number(rows[0].position);
  }

  it('reads back from the store only the events nobody remembered, between remembered runs', async () => {
    const ours = [newEvent(), newEvent(), newEvent()];
    const others = [newEvent(), newEvent()];
    const later = [newEvent(), newEvent(), newEvent()];
    await append(ours, true);
    const othersPositions = await append(others, false);
    const laterPositions = await append(later, true);

    const found = await lookup.findExisting([...others, ...later].map((event) => event.id));

    expect([...found].sort()).toEqual([...others, ...later].map((event) => event.id).sort());
    expect(readBack).toEqual(othersPositions);
    expect(await checkpoint()).toBe(laterPositions[2]);
  });

  it('answers ids it holds without reading the store, and still finds the ones it lacks', async () => {
    const held = [newEvent(), newEvent()];
    await append(held, true);
    const heldIds = held.map((event) => event.id);

    expect([...(await lookup.findExisting(heldIds, 'recorded'))].sort()).toEqual(heldIds.sort());
    expect(readBack).toEqual([]);

    const elsewhere = [newEvent()];
    const [position] = await append(elsewhere, false);
    const found = await lookup.findExisting([heldIds[0], elsewhere[0].id], 'recorded');
    expect([...found].sort()).toEqual([heldIds[0], elsewhere[0].id].sort());
    expect(readBack).toEqual([position]);
  });

  it('writes the ids remembered within a moment in one statement, and at once for a lookup', async () => {
    const writes = jest.spyOn(lookupPool, 'query');
    const idWrites = () =>
      writes.mock.calls.filter(([sql]) => String(sql).includes('INSERT INTO recorded_event_ids'))
        .length;
    try {
      const singles = [newEvent(), newEvent(), newEvent()];
      const positions: number[] = [];
      for (const event of singles) positions.push(...(await append([event], false)));
      // As three requests answered one after another remember their events.
      singles.forEach((event, i) => lookup.remember([{ id: event.id, position: positions[i] }]));
      for (let waited = 0; (await checkpoint()) < positions[2] && waited < 5_000; waited += 20) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(await checkpoint()).toBe(positions[2]);
      expect(idWrites()).toBe(1);

      const next = newEvent();
      await append([next], true);
      expect(await lookup.findExisting([next.id], 'recorded')).toEqual(new Set([next.id]));
      expect(readBack).toEqual([]);
      expect(idWrites()).toBe(2);
    } finally {
      writes.mockRestore();
    }
  });

  it('finds nothing of ids never stored, after reading what was appended elsewhere', async () => {
    const elsewhere = [newEvent(), newEvent()];
    const positions = await append(elsewhere, false);

    expect(await lookup.findExisting([newEvent().id, newEvent().id])).toEqual(new Set());
    expect(readBack).toEqual(positions);
    expect(await checkpoint()).toBe(positions[1]);
  });
});
