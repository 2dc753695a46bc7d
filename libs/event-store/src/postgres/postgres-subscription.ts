import { StoredEvent, Subscription } from '../event-store.port';
import { WakeSignal } from './wake-signal';

/** What a subscription needs from its store: paged reads and a way to hear of new events. */
export interface SubscriptionSource {
  readAll(options: { after: number; maxCount: number }): Promise<StoredEvent[]>;
  /** Registers a signal woken whenever new events may exist; returns the unregistration. */
  watch(signal: WakeSignal): () => void;
}

export interface SubscriptionTiming {
  pageSize: number;
  /** Longest sleep between two reads when no wake-up arrives (the polling fallback). */
  pollIntervalMs: number;
}

/**
 * Catch-up then live, by reading pages of the global order after the last delivered
 * position. It holds no connection between reads: each page is one pooled query.
 */
export class PostgresSubscription implements Subscription {
  private readonly signal = new WakeSignal();
  private closed = false;
  private inFlight: Promise<unknown> = Promise.resolve();
  private readonly iterator: AsyncGenerator<StoredEvent>;

  constructor(
    private readonly source: SubscriptionSource,
    private position: number,
    private readonly timing: SubscriptionTiming,
    private readonly onClosed: (subscription: PostgresSubscription) => void,
  ) {
    this.iterator = this.run();
  }

  [Symbol.asyncIterator](): AsyncIterator<StoredEvent> {
    return this.iterator;
  }

  async close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      this.signal.wake();
      this.onClosed(this);
    }
    // A read still running must finish before the store may end its pool.
    await this.inFlight.catch(() => undefined);
  }

  private async *run(): AsyncGenerator<StoredEvent> {
    const unwatch = this.source.watch(this.signal);
    try {
      while (!this.closed) {
        let page: StoredEvent[];
        try {
          const read = this.source.readAll({
            after: this.position,
            maxCount: this.timing.pageSize,
          });
          this.inFlight = read;
          page = await read;
        } catch (error) {
          if (this.closed) return;
          throw error;
        }
        for (const event of page) {
          if (this.closed) return;
          this.position = event.position;
          yield event;
        }
        if (page.length < this.timing.pageSize) {
          await this.signal.wait(this.timing.pollIntervalMs);
        }
      }
    } finally {
      unwatch();
      if (!this.closed) {
        this.closed = true;
        this.onClosed(this);
      }
    }
  }
}
