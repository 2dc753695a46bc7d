import { EventStore, ReadAllOptions, StoredEvent } from '@ledger/event-store';

interface Page {
  maxCount: number;
  events: Promise<StoredEvent[]>;
}

/**
 * One read of the store shared by several projections rebuilding together. Each reader
 * reads through its own view; a full page read for one view is kept until every view has
 * gone past it, so the store is read and its rows parsed once whatever the number of
 * projections. A view that would read more than `pagesAhead` pages ahead of the slowest
 * waits for it, which bounds the memory held whatever the pace of each projection.
 *
 * Only full pages are shared: a short page ends at the head of the store, and the next
 * read after the same position may find more.
 */
export class SharedStoreReads {
  private readonly pages = new Map<number, Page>();
  /** Per view: the position after which it last read, or undefined once released. */
  private readonly positions: (number | undefined)[];
  private readonly waiting = new Set<() => void>();

  constructor(
    private readonly store: EventStore,
    views: number,
    private readonly pagesAhead = 4,
  ) {
    this.positions = Array.from({ length: views }, () => 0);
  }

  /** The store as view `index` reads it; every other call goes to the store itself. */
  view(index: number): EventStore {
    const store = this.store;
    return {
      append: (...args) => store.append(...args),
      appendToStreams: (appends) => store.appendToStreams(appends),
      readStream: (...args) => store.readStream(...args),
      readAll: (options) => this.readAll(index, options),
      subscribe: (...args) => store.subscribe(...args),
      headPosition: () => store.headPosition(),
      close: () => store.close(),
    };
  }

  /** The view reads no more (its projection is done or failed): nothing waits for it. */
  release(index: number): void {
    this.positions[index] = undefined;
    this.moved();
  }

  private async readAll(index: number, options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    const after = options.after ?? 0;
    const maxCount = options.maxCount;
    if (maxCount === undefined) return this.store.readAll(options);
    this.positions[index] = after;
    this.moved();
    let page = this.pages.get(after);
    while (!page && this.pages.size >= this.pagesAhead && after > this.slowest()) {
      await new Promise<void>((resolve) => this.waiting.add(resolve));
      page = this.pages.get(after);
    }
    if (page && page.maxCount === maxCount) return page.events;
    if (page) return this.store.readAll(options);
    const events = this.store.readAll({ after, maxCount });
    this.pages.set(after, { maxCount, events });
    events.then(
      (read) => {
        if (read.length < maxCount) this.forget(after, events);
      },
      () => this.forget(after, events),
    );
    return events;
  }

  private forget(after: number, events: Promise<StoredEvent[]>): void {
    if (this.pages.get(after)?.events !== events) return;
    this.pages.delete(after);
    this.moved();
  }

  private slowest(): number {
    let slowest = Number.POSITIVE_INFINITY;
    for (const position of this.positions) {
      if (position !== undefined && position < slowest) slowest = position;
    }
    return slowest;
  }

  /** Drops the pages every view has gone past and lets waiting views try again. */
  private moved(): void {
    const slowest = this.slowest();
    for (const after of this.pages.keys()) {
      if (after < slowest) this.pages.delete(after);
    }
    const waiting = [...this.waiting];
    this.waiting.clear();
    for (const resume of waiting) resume();
  }
}
