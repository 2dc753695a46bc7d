import { randomUUID } from 'node:crypto';
import {
  EventStoreDbEventStore,
  EventStoreUnavailableError,
  StoredEvent,
  StreamNotFoundError,
  WrongExpectedRevisionError,
} from '@ledger/event-store';
import { describeEventStoreContract, newEvent } from './event-store.contract';
import { EsdbTestServer } from './esdb-test-server/esdb-test-server';

describe('EventStoreDB event store against the in-process test server', () => {
  for (const batchAppend of [true, false]) {
    const rpc = batchAppend ? 'BatchAppend' : 'Append';
    const unused = batchAppend ? 'Append' : 'BatchAppend';

    describe(`with BatchAppend ${batchAppend ? 'advertised' : 'not advertised'}`, () => {
      let server: EsdbTestServer;

      describeEventStoreContract(`EventStoreDB through ${rpc}`, async () => {
        server = await EsdbTestServer.start({ batchAppend });
        return {
          store: EventStoreDbEventStore.connect(server.connectionString),
          dispose: async () => server.stop(),
        };
      });

      it(`appended through ${rpc} only`, () => {
        expect(server.calls.get(rpc)).toBeGreaterThan(0);
        expect(server.calls.get(unused)).toBeUndefined();
        expect(server.calls.get('GetSupportedMethods')).toBe(1);
      });
    });
  }
});

describe('EventStoreDB event store specifics', () => {
  let server: EsdbTestServer;
  let store: EventStoreDbEventStore;

  beforeAll(async () => {
    server = await EsdbTestServer.start({ batchAppend: true });
    store = EventStoreDbEventStore.connect(server.connectionString);
  });

  afterAll(async () => {
    await store.close();
    server.stop();
  });

  it('reports a stale expected revision with the stream and its actual revision', async () => {
    const streamId = `stale-${randomUUID()}`;
    await store.append(streamId, [newEvent(), newEvent()], 'no_stream');
    await expect(store.append(streamId, [newEvent()], 5)).rejects.toMatchObject({
      name: 'WrongExpectedRevisionError',
      code: 'wrong-expected-revision',
      streamId,
      expected: '5',
      actual: 1,
    });
    const missing = `missing-${randomUUID()}`;
    const rejected = store.append(missing, [newEvent()], 'stream_exists');
    await expect(rejected).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    await expect(rejected).rejects.toMatchObject({
      streamId: missing,
      expected: 'stream_exists',
      actual: 'no_stream',
    });
  });

  it('reports a missing stream as StreamNotFoundError naming it', async () => {
    const streamId = `never-${randomUUID()}`;
    const read = store.readStream(streamId);
    await expect(read).rejects.toBeInstanceOf(StreamNotFoundError);
    await expect(read).rejects.toMatchObject({ code: 'stream-not-found', streamId });
  });

  it('rejects a batch that only partly repeats an earlier append, writing nothing', async () => {
    const streamId = `partial-${randomUUID()}`;
    const [a, b] = [newEvent(), newEvent()];
    await store.append(streamId, [a, b], 'no_stream');
    await expect(store.append(streamId, [a, newEvent()], 'any')).rejects.toMatchObject({
      code: 'duplicate-event-id',
      eventIds: [a.id],
    });
    await expect(store.append(streamId, [b, a], 'no_stream')).rejects.toMatchObject({
      code: 'duplicate-event-id',
      eventIds: [a.id, b.id],
    });
    await expect(store.append(streamId, [a, a])).rejects.toMatchObject({
      code: 'duplicate-event-id',
    });
    expect((await store.readStream(streamId)).map((e) => e.id)).toEqual([a.id, b.id]);
  });

  it("leaves the server's own events out of reads, the head and subscriptions", async () => {
    const start = await store.headPosition();
    const streamId = `system-${randomUUID()}`;
    const first = newEvent();
    const second = newEvent();
    const subscription = store.subscribe({ after: start });
    server.appendSystemEvent();
    const [firstPosition] = (await store.append(streamId, [first], 'no_stream')).positions;
    server.appendSystemEvent();
    const [secondPosition] = (await store.append(streamId, [second], 0)).positions;
    server.appendSystemEvent();

    expect(await store.headPosition()).toBe(secondPosition);
    const all = await store.readAll({ after: start });
    expect(all.map((e) => [e.id, e.position])).toEqual([
      [first.id, firstPosition],
      [second.id, secondPosition],
    ]);
    expect((await store.readAll({ after: firstPosition, maxCount: 1 })).map((e) => e.id)).toEqual([
      second.id,
    ]);
    const delivered: StoredEvent[] = [];
    for await (const event of subscription) {
      delivered.push(event);
      if (delivered.length === 2) break;
    }
    expect(delivered.map((e) => e.id)).toEqual([first.id, second.id]);
  });

  it('keeps schemaVersion out of the metadata it returns and recordedAt from the server', async () => {
    const streamId = `metadata-${randomUUID()}`;
    const event = newEvent({
      schemaVersion: 3,
      metadata: { recordedBy: 'key:a', schemaVersion: 9 },
    });
    await store.append(streamId, [event], 'no_stream');
    const [stored] = await store.readStream(streamId);
    expect(stored.schemaVersion).toBe(3);
    expect(stored.metadata).toEqual({ recordedBy: 'key:a' });
  });

  it('reports an append that outlives its deadline as EventStoreUnavailableError', async () => {
    for (const batchAppend of [true, false]) {
      const slow = await EsdbTestServer.start({ batchAppend });
      const impatient = EventStoreDbEventStore.connect(
        `${slow.connectionString}&defaultDeadline=300`,
      );
      slow.holdAppends(true);
      await expect(
        impatient.append(`slow-${randomUUID()}`, [newEvent()], 'no_stream'),
      ).rejects.toBeInstanceOf(EventStoreUnavailableError);
      await impatient.close();
      slow.stop();
    }
  });

  it('reports an unreachable server as EventStoreUnavailableError', async () => {
    const offline = EventStoreDbEventStore.connect('esdb://127.0.0.1:1?tls=false');
    await expect(offline.append(`offline-${randomUUID()}`, [newEvent()])).rejects.toBeInstanceOf(
      EventStoreUnavailableError,
    );
    await expect(offline.readAll()).rejects.toMatchObject({ code: 'store-unavailable' });
    await offline.close();
  });
});

const eventStoreUrl = process.env.EVENTSTORE_URL?.trim();
// No EventStoreDB server can run on the project's machines (CI included): this runs only where
// one is reachable, e.g. `EVENTSTORE_URL=esdb://127.0.0.1:2113?tls=false` beside docker-compose.
(eventStoreUrl ? describe : describe.skip)('EventStoreDB event store against a real server', () => {
  describeEventStoreContract('EventStoreDB (real server)', async () => ({
    store: EventStoreDbEventStore.connect(eventStoreUrl ?? ''),
    dispose: async () => undefined,
  }));
});
