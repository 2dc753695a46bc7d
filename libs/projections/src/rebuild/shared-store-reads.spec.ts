import { EventStore, ReadAllOptions, StoredEvent } from '@ledger/event-store';
import { SharedStoreReads } from './shared-store-reads';

/** A store of `head` events at positions 1..head that records every readAll it serves. */
function countingStore(head: number): { store: EventStore; reads: number[] } {
  const reads: number[] = [];
  const readAll = async ({ after = 0, maxCount = 100 }: ReadAllOptions = {}) => {
    reads.push(after);
    const events: StoredEvent[] = [];
    for (let position = after + 1; position <= Math.min(head, after + maxCount); position++) {
      events.push({ position } as StoredEvent);
    }
    return events;
  };
  return { store: { readAll } as unknown as EventStore, reads };
}

const positions = (events: StoredEvent[]) => events.map((event) => event.position);

/** Lets every promise that can settle do so. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('SharedStoreReads', () => {
  it('reads each full page of the store once for all views', async () => {
    const { store, reads } = countingStore(10);
    const shared = new SharedStoreReads(store, 2);
    const [a, b] = [shared.view(0), shared.view(1)];

    expect(positions(await a.readAll({ after: 0, maxCount: 4 }))).toEqual([1, 2, 3, 4]);
    expect(positions(await b.readAll({ after: 0, maxCount: 4 }))).toEqual([1, 2, 3, 4]);
    expect(positions(await b.readAll({ after: 4, maxCount: 4 }))).toEqual([5, 6, 7, 8]);
    expect(positions(await a.readAll({ after: 4, maxCount: 4 }))).toEqual([5, 6, 7, 8]);

    expect(reads).toEqual([0, 4]);
  });

  it('reads a short page again, as more events may have been appended after it', async () => {
    const { store, reads } = countingStore(6);
    const shared = new SharedStoreReads(store, 2);

    expect(positions(await shared.view(0).readAll({ after: 4, maxCount: 4 }))).toEqual([5, 6]);
    expect(positions(await shared.view(1).readAll({ after: 4, maxCount: 4 }))).toEqual([5, 6]);

    expect(reads).toEqual([4, 4]);
  });

  it('makes a view that runs too far ahead wait for the slowest, until it is released', async () => {
    const { store, reads } = countingStore(100);
    const shared = new SharedStoreReads(store, 2, 2);
    const [fast, slow] = [shared.view(0), shared.view(1)];
    await fast.readAll({ after: 0, maxCount: 10 });
    await fast.readAll({ after: 10, maxCount: 10 });

    let third: StoredEvent[] | undefined;
    void fast.readAll({ after: 20, maxCount: 10 }).then((events) => (third = events));
    await settle();
    expect(third).toBeUndefined();
    expect(reads).toEqual([0, 10]);

    // The slow view takes the first page: it is dropped, and the fast view may read on.
    await slow.readAll({ after: 0, maxCount: 10 });
    await slow.readAll({ after: 10, maxCount: 10 });
    await settle();
    expect(positions(third ?? [])).toEqual([21, 22, 23, 24, 25, 26, 27, 28, 29, 30]);

    // Pages 10 and 20 are held for the slow view; once it reads no more, nothing is.
    let blocked: StoredEvent[] | undefined;
    void fast.readAll({ after: 30, maxCount: 10 }).then((events) => (blocked = events));
    await settle();
    expect(blocked).toBeUndefined();
    shared.release(1);
    await settle();
    expect(positions(blocked ?? [])[0]).toBe(31);
    expect(reads).toEqual([0, 10, 20, 30]);
  });
});
