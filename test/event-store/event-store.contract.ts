import { randomUUID } from 'node:crypto';
import {
  EventStore,
  NewEvent,
  StoredEvent,
  StreamNotFoundError,
  WrongExpectedRevisionError,
} from '@ledger/event-store';

/** How a contract run gets a store: a fresh, empty one per suite. */
export interface EventStoreFixture {
  store: EventStore;
  /** Releases everything the fixture started (the store itself is closed by the suite). */
  dispose(): Promise<void>;
}

export function newEvent(overrides: Partial<NewEvent> = {}): NewEvent {
  return {
    id: randomUUID(),
    type: 'ConsultationHandled',
    schemaVersion: 1,
    data: { bodyId: 'peer-support-center', channel: 'phone', note: 'ひきこもり相談' },
    metadata: { recordedBy: 'contract-test', bodyId: 'peer-support-center' },
    ...overrides,
  };
}

function stream(): string {
  return `contract-${randomUUID()}`;
}

async function take(iterable: AsyncIterable<StoredEvent>, count: number): Promise<StoredEvent[]> {
  const seen: StoredEvent[] = [];
  for await (const event of iterable) {
    seen.push(event);
    if (seen.length === count) break;
  }
  return seen;
}

/**
 * The definition of an event store in this project: every adapter must pass it unchanged.
 */
export function describeEventStoreContract(
  adapterName: string,
  createFixture: () => Promise<EventStoreFixture>,
): void {
  describe(`event store contract: ${adapterName}`, () => {
    let fixture: EventStoreFixture;
    let store: EventStore;

    beforeAll(async () => {
      fixture = await createFixture();
      store = fixture.store;
    });

    afterAll(async () => {
      await store?.close();
      await fixture?.dispose();
    });

    it('stores every field of an appended event and reads it back from the stream', async () => {
      const streamId = stream();
      const event = newEvent({
        metadata: {
          recordedBy: 'key:recorder-1',
          bodyId: 'peer-support-center',
          correlationId: randomUUID(),
          causationId: randomUUID(),
        },
        data: {
          channel: 'email',
          iceAgeGeneration: true,
          nested: { list: [1, 2, 3] },
          text: '高知',
        },
        schemaVersion: 2,
      });
      const before = Date.now();
      const result = await store.append(streamId, [event], 'no_stream');

      expect(result.written).toBe(true);
      expect(result.nextExpectedRevision).toBe(0);
      expect(result.positions).toHaveLength(1);

      const [stored] = await store.readStream(streamId);
      expect(stored).toMatchObject({
        id: event.id,
        type: event.type,
        schemaVersion: 2,
        data: event.data,
        metadata: event.metadata,
        streamId,
        revision: 0,
        position: result.positions[0],
      });
      expect(stored.recordedAt).toBeInstanceOf(Date);
      expect(stored.recordedAt.getTime()).toBeGreaterThanOrEqual(before - 5_000);
      expect(stored.recordedAt.getTime()).toBeLessThanOrEqual(Date.now() + 5_000);
    });

    it('appends a batch with consecutive revisions and increasing positions', async () => {
      const streamId = stream();
      const batch = [newEvent(), newEvent(), newEvent()];
      const result = await store.append(streamId, batch, 'no_stream');

      expect(result.nextExpectedRevision).toBe(2);
      expect(result.positions).toHaveLength(3);
      expect(result.positions[0]).toBeLessThan(result.positions[1]);
      expect(result.positions[1]).toBeLessThan(result.positions[2]);
      const stored = await store.readStream(streamId);
      expect(stored.map((e) => [e.id, e.revision])).toEqual(batch.map((e, i) => [e.id, i]));
      expect(stored.map((e) => e.position)).toEqual(result.positions);

      // Onto the stream as it now is: the answer is again exactly what was stored.
      const more = [newEvent(), newEvent()];
      const next = await store.append(streamId, more, 2);
      expect(next.nextExpectedRevision).toBe(4);
      const after = (await store.readStream(streamId)).slice(3);
      expect(after.map((e) => [e.id, e.revision, e.position])).toEqual(
        more.map((e, i) => [e.id, 3 + i, next.positions[i]]),
      );
    });

    it("keeps each event's own metadata, whether the batch's events share theirs or not", async () => {
      const shared = [newEvent(), newEvent()];
      const mixed = [
        newEvent(),
        newEvent({ metadata: { recordedBy: 'other', bodyId: 'kochi-city', correlationId: 'c-1' } }),
      ];
      const one = stream();
      const other = stream();
      await store.append(one, shared, 'no_stream');
      const outcomes = await store.appendToStreams([
        { streamId: other, events: mixed, expectedRevision: 'no_stream' },
      ]);
      expect(outcomes.map((outcome) => outcome.ok)).toEqual([true]);

      for (const [streamId, events] of [
        [one, shared],
        [other, mixed],
      ] as const) {
        const stored = await store.readStream(streamId);
        expect(stored.map((e) => e.metadata)).toEqual(events.map((e) => e.metadata));
      }
    });

    it('appends at the exact expected revision and rejects a stale one, writing nothing', async () => {
      const streamId = stream();
      await store.append(streamId, [newEvent(), newEvent()], 'no_stream');
      await store.append(streamId, [newEvent()], 1);
      const head = await store.headPosition();

      const rejected = [newEvent(), newEvent()];
      await expect(store.append(streamId, rejected, 1)).rejects.toBeInstanceOf(
        WrongExpectedRevisionError,
      );
      expect(await store.readStream(streamId)).toHaveLength(3);
      expect(await store.headPosition()).toBe(head);
    });

    it('rejects no_stream on an existing stream and stream_exists on a missing one', async () => {
      const existing = stream();
      await store.append(existing, [newEvent()], 'no_stream');
      await expect(store.append(existing, [newEvent()], 'no_stream')).rejects.toBeInstanceOf(
        WrongExpectedRevisionError,
      );
      const missing = stream();
      await expect(store.append(missing, [newEvent()], 'stream_exists')).rejects.toBeInstanceOf(
        WrongExpectedRevisionError,
      );
      await expect(store.append(missing, [newEvent()], 0)).rejects.toBeInstanceOf(
        WrongExpectedRevisionError,
      );
      await expect(store.readStream(missing)).rejects.toBeInstanceOf(StreamNotFoundError);
      expect(await store.readStream(existing)).toHaveLength(1);
    });

    it('accepts any expected revision and stream_exists on an existing stream', async () => {
      const streamId = stream();
      await store.append(streamId, [newEvent()], 'any');
      await store.append(streamId, [newEvent()], 'any');
      const result = await store.append(streamId, [newEvent()], 'stream_exists');
      expect(result.nextExpectedRevision).toBe(2);
    });

    it('treats a retried append with the same ids as a no-op returning the original result', async () => {
      const streamId = stream();
      const batch = [newEvent(), newEvent()];
      const first = await store.append(streamId, batch, 'no_stream');
      const head = await store.headPosition();

      const retry = await store.append(streamId, batch, 'no_stream');
      expect(retry).toEqual({ ...first, written: false });

      await store.append(streamId, [newEvent()], 1);
      const lateRetry = await store.append(streamId, batch, 'no_stream');
      expect(lateRetry.positions).toEqual(first.positions);
      expect(lateRetry.written).toBe(false);
      const anyRetry = await store.append(streamId, batch, 'any');
      expect(anyRetry.positions).toEqual(first.positions);

      expect(await store.readStream(streamId)).toHaveLength(3);
      expect(await store.headPosition()).toBeGreaterThan(head);
      const all = await store.readAll();
      expect(all.filter((e) => e.id === batch[0].id)).toHaveLength(1);
    });

    it('appends to several streams at once, each with its own revisions and positions', async () => {
      const [first, second] = [stream(), stream()];
      await store.append(second, [newEvent()], 'no_stream');
      const batches = [[newEvent()], [newEvent(), newEvent()]];

      const outcomes = await store.appendToStreams([
        { streamId: first, events: batches[0], expectedRevision: 'no_stream' },
        { streamId: second, events: batches[1], expectedRevision: 0 },
      ]);

      expect(outcomes.map((outcome) => outcome.ok && outcome.result.nextExpectedRevision)).toEqual([
        0, 2,
      ]);
      expect(outcomes.map((outcome) => outcome.ok && outcome.result.written)).toEqual([true, true]);
      const stored = [...(await store.readStream(first)), ...(await store.readStream(second))];
      const positions = outcomes.flatMap((outcome) => (outcome.ok ? outcome.result.positions : []));
      expect(stored.map((e) => [e.id, e.revision])).toEqual([
        [batches[0][0].id, 0],
        [stored[1].id, 0],
        [batches[1][0].id, 1],
        [batches[1][1].id, 2],
      ]);
      expect(positions).toEqual([stored[0].position, stored[2].position, stored[3].position]);
      expect(stored[2].position).toBeLessThan(stored[3].position);
    });

    it('refuses one append of several on its own, writing the others', async () => {
      const [taken, fresh, elsewhere] = [stream(), stream(), stream()];
      await store.append(taken, [newEvent()], 'no_stream');
      const refused = newEvent();
      const written = newEvent();

      const outcomes = await store.appendToStreams([
        { streamId: taken, events: [refused], expectedRevision: 'no_stream' },
        { streamId: fresh, events: [written], expectedRevision: 'no_stream' },
        { streamId: elsewhere, events: [newEvent(), newEvent()], expectedRevision: 5 },
      ]);

      expect(outcomes.map((outcome) => outcome.ok)).toEqual([false, true, false]);
      expect(outcomes[0].ok === false && outcomes[0].error).toBeInstanceOf(
        WrongExpectedRevisionError,
      );
      expect(outcomes[2].ok === false && outcomes[2].error).toBeInstanceOf(
        WrongExpectedRevisionError,
      );
      expect((await store.readStream(taken)).map((e) => e.id)).not.toContain(refused.id);
      expect((await store.readStream(fresh)).map((e) => e.id)).toEqual([written.id]);
      await expect(store.readStream(elsewhere)).rejects.toBeInstanceOf(StreamNotFoundError);
    });

    it('answers an append of several already stored with the original result', async () => {
      const [retried, fresh] = [stream(), stream()];
      const batch = [newEvent(), newEvent()];
      const original = await store.append(retried, batch, 'no_stream');

      const outcomes = await store.appendToStreams([
        { streamId: retried, events: batch, expectedRevision: 'no_stream' },
        { streamId: fresh, events: [newEvent()], expectedRevision: 'no_stream' },
      ]);

      expect(outcomes[0]).toEqual({ ok: true, result: { ...original, written: false } });
      expect(outcomes[1].ok && outcomes[1].result.written).toBe(true);
      expect(await store.readStream(retried)).toHaveLength(2);
      expect(await store.appendToStreams([])).toEqual([]);
    });

    it('answers concurrent appends to one stream as if made one after another', async () => {
      const streamId = stream();
      await store.append(streamId, [newEvent()], 'no_stream');
      const retried = [newEvent(), newEvent()];
      const [anyOne, anyTwo, sameRevision, otherSameRevision, first, retry] =
        await Promise.allSettled([
          store.append(streamId, [newEvent()], 'any'),
          store.append(streamId, [newEvent()], 'any'),
          store.append(streamId, [newEvent()], 'stream_exists'),
          store.append(streamId, [newEvent()], 'stream_exists'),
          store.append(streamId, retried, 'any'),
          store.append(streamId, retried, 'any'),
        ]);

      for (const settled of [anyOne, anyTwo, sameRevision, otherSameRevision]) {
        expect(settled.status).toBe('fulfilled');
      }
      expect(first.status === 'fulfilled' && retry.status === 'fulfilled').toBe(true);
      const [original, again] = [first, retry].map((s) =>
        s.status === 'fulfilled' ? s.value : null,
      );
      // Both retries are answered alike; which one wrote, an adapter cannot always tell.
      expect(original?.written || again?.written).toBe(true);
      expect(again?.positions).toEqual(original?.positions);
      const stored = await store.readStream(streamId);
      expect(stored.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4, 5, 6]);
      expect(stored.filter((e) => e.id === retried[0].id)).toHaveLength(1);

      const revision = stored.length - 1;
      const racing = await Promise.allSettled(
        [1, 2, 3].map(() => store.append(streamId, [newEvent()], revision)),
      );
      expect(racing.filter((s) => s.status === 'fulfilled')).toHaveLength(1);
      for (const settled of racing.filter((s) => s.status === 'rejected')) {
        expect((settled as PromiseRejectedResult).reason).toBeInstanceOf(
          WrongExpectedRevisionError,
        );
      }
      expect(await store.readStream(streamId)).toHaveLength(stored.length + 1);
    });

    it('reads a stream backwards, from a revision, and a bounded number of events', async () => {
      const streamId = stream();
      const batch = [newEvent(), newEvent(), newEvent(), newEvent()];
      await store.append(streamId, batch, 'no_stream');

      const backwards = await store.readStream(streamId, { direction: 'backwards' });
      expect(backwards.map((e) => e.revision)).toEqual([3, 2, 1, 0]);
      const page = await store.readStream(streamId, { fromRevision: 1, maxCount: 2 });
      expect(page.map((e) => e.id)).toEqual([batch[1].id, batch[2].id]);
      const tail = await store.readStream(streamId, {
        direction: 'backwards',
        fromRevision: 2,
        maxCount: 2,
      });
      expect(tail.map((e) => e.revision)).toEqual([2, 1]);
    });

    it('reads all events in global order after a position, page by page', async () => {
      const start = await store.headPosition();
      const a = stream();
      const b = stream();
      const first = await store.append(a, [newEvent(), newEvent()], 'no_stream');
      const second = await store.append(b, [newEvent()], 'no_stream');
      const third = await store.append(a, [newEvent()], 1);

      const after = await store.readAll({ after: start });
      expect(after.map((e) => e.position)).toEqual([
        ...first.positions,
        ...second.positions,
        ...third.positions,
      ]);
      expect(after.map((e) => e.streamId)).toEqual([a, a, b, a]);
      const page = await store.readAll({ after: first.positions[0], maxCount: 2 });
      expect(page.map((e) => e.position)).toEqual([first.positions[1], second.positions[0]]);
      expect(await store.headPosition()).toBe(third.positions[0]);
    });

    it('subscribes: catches up from a position, then delivers live events in order', async () => {
      const start = await store.headPosition();
      const streamId = stream();
      const early = [newEvent(), newEvent()];
      await store.append(streamId, early, 'no_stream');

      const subscription = store.subscribe({ after: start });
      const received = take(subscription, 5);
      const late = [newEvent(), newEvent(), newEvent()];
      await store.append(streamId, late.slice(0, 1), 1);
      await store.append(streamId, late.slice(1), 2);

      const events = await received;
      await subscription.close();
      expect(events.map((e) => e.id)).toEqual([...early, ...late].map((e) => e.id));
      expect(events.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4]);
    });

    it('ends a subscription when it is closed', async () => {
      const subscription = store.subscribe({ after: await store.headPosition() });
      const drained = (async () => {
        const seen: StoredEvent[] = [];
        for await (const event of subscription) seen.push(event);
        return seen;
      })();
      await new Promise((resolve) => setTimeout(resolve, 50));
      await subscription.close();
      await expect(drained).resolves.toEqual([]);
    });
  });
}
