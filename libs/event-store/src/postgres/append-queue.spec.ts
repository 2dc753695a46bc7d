import { DatabaseError } from 'pg';
import { EventStoreUnavailableError } from '../event-store.errors';
import { AppendResult, NewEvent, StreamAppend, StreamAppendOutcome } from '../event-store.port';
import { AppendQueue } from './append-queue';

function append(streamId: string, events = 1): StreamAppend {
  const event: NewEvent = {
    id: streamId,
    type: 'T',
    schemaVersion: 1,
    data: {},
    metadata: { recordedBy: 'test' },
  };
  return { streamId, events: Array.from({ length: events }, () => event) };
}

/** A `send` whose calls are recorded and answered when the test says. */
class FakeStore {
  readonly calls: string[][] = [];
  private readonly answers: (() => void)[] = [];
  failWith: ((streams: string[]) => unknown) | undefined;

  readonly send = (appends: readonly StreamAppend[]): Promise<StreamAppendOutcome[]> => {
    const streams = appends.map((a) => a.streamId);
    this.calls.push(streams);
    return new Promise((resolve, reject) =>
      this.answers.push(() => {
        const error = this.failWith?.(streams);
        if (error) reject(error);
        else resolve(streams.map((s, i) => ({ ok: true, result: written(s, i) })));
      }),
    );
  };

  /** Answers every call made so far, then lets the queue send the next. */
  async answerAll(): Promise<void> {
    while (this.answers.length > 0) {
      this.answers.shift()!();
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}

/** The index of the append in its call, as its revision, to tell calls' answers apart. */
function written(streamId: string, index: number): AppendResult {
  return { nextExpectedRevision: index, positions: [streamId.length], written: true };
}

describe('AppendQueue', () => {
  it('sends an append at once, and those arriving meanwhile together in the next call', async () => {
    const store = new FakeStore();
    const queue = new AppendQueue(store.send, 100);
    const first = queue.submit([append('a')]);
    expect(store.calls).toEqual([['a']]);
    const second = queue.submit([append('b'), append('c')]);
    const third = queue.submit([append('d')]);
    expect(store.calls).toHaveLength(1);
    await store.answerAll();
    expect(store.calls).toEqual([['a'], ['b', 'c', 'd']]);
    expect(await first).toHaveLength(1);
    expect((await second).map((o) => o.ok && o.result.nextExpectedRevision)).toEqual([0, 1]);
    expect((await third).map((o) => o.ok && o.result.nextExpectedRevision)).toEqual([2]);
  });

  it('stops adding to a call at maxEvents, and sends a larger submission alone', async () => {
    const store = new FakeStore();
    const queue = new AppendQueue(store.send, 10);
    const all = [
      queue.submit([append('busy')]),
      queue.submit([append('a', 6)]),
      queue.submit([append('b', 4)]),
      queue.submit([append('c', 1)]),
      queue.submit([append('huge', 50)]),
    ];
    await store.answerAll();
    await Promise.all(all);
    expect(store.calls).toEqual([['busy'], ['a', 'b'], ['c'], ['huge']]);
  });

  it('sends a call PostgreSQL refused again one submission at a time: only the one at fault fails', async () => {
    const store = new FakeStore();
    const queue = new AppendQueue(store.send, 100);
    const busy = queue.submit([append('busy')]);
    const good = queue.submit([append('good')]);
    const bad = queue.submit([append('bad')]).catch((error: unknown) => error);
    store.failWith = (streams) =>
      streams.includes('bad') ? new DatabaseError('invalid input syntax', 0, 'error') : undefined;
    await store.answerAll();
    expect(store.calls).toEqual([['busy'], ['good', 'bad'], ['good'], ['bad']]);
    await expect(busy).resolves.toHaveLength(1);
    await expect(good).resolves.toHaveLength(1);
    expect(await bad).toBeInstanceOf(DatabaseError);
  });

  it('fails every submission of a call the store could not answer, sending none again', async () => {
    const store = new FakeStore();
    const queue = new AppendQueue(store.send, 100);
    const busy = queue.submit([append('busy')]);
    const one = queue.submit([append('one')]).catch((error: unknown) => error);
    const two = queue.submit([append('two')]).catch((error: unknown) => error);
    store.failWith = (streams) =>
      streams.length > 1 ? new EventStoreUnavailableError('connection lost') : undefined;
    await store.answerAll();
    expect(store.calls).toEqual([['busy'], ['one', 'two']]);
    await expect(busy).resolves.toHaveLength(1);
    expect(await one).toBeInstanceOf(EventStoreUnavailableError);
    expect(await two).toBeInstanceOf(EventStoreUnavailableError);
  });
});
