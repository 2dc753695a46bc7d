import { EventStore, StoredEvent, Subscription } from '@ledger/event-store';

/**
 * The store's subscription, buffered up to `capacity` events, for a runner that has caught
 * up: the store wakes the subscription as an append commits (in process, or by NOTIFY), so
 * new events reach the runner without waiting for a poll. Reading stops while the buffer is
 * full, so memory stays bounded.
 */
export class LiveFeed {
  private readonly subscription: Subscription;
  private readonly buffer: StoredEvent[] = [];
  private readonly pumping: Promise<void>;
  private ended = false;
  private failure: { error: unknown } | undefined;
  private arrived: (() => void) | undefined;
  private drained: (() => void) | undefined;

  constructor(
    eventStore: EventStore,
    after: number,
    private readonly capacity: number,
  ) {
    this.subscription = eventStore.subscribe({ after });
    this.pumping = this.pump();
  }

  /**
   * Up to `max` events in global order: those buffered, else the first to arrive within
   * `timeoutMs` together with the rest of the page it came in; none when the wait times
   * out or is interrupted. Throws once the subscription has failed and the buffer is empty.
   */
  async take(max: number, timeoutMs: number): Promise<StoredEvent[]> {
    if (this.buffer.length === 0 && !this.ended) {
      await new Promise<void>((resolve) => {
        const arrived = (): void => {
          clearTimeout(timer);
          this.arrived = undefined;
          resolve();
        };
        const timer = setTimeout(arrived, timeoutMs);
        this.arrived = arrived;
      });
      // A page is handed over event by event in microtasks: let the rest of it arrive, so
      // one read makes one batch rather than a batch of its first event and one of the rest.
      if (this.buffer.length > 0) await new Promise((resolve) => setImmediate(resolve));
    }
    if (this.buffer.length === 0 && this.ended) {
      throw this.failure ? this.failure.error : new Error('The store ended the subscription');
    }
    const events = this.buffer.splice(0, max);
    this.resume();
    return events;
  }

  /** Ends a pending `take` at once, with no events (the runner is stopping). */
  interrupt(): void {
    this.arrived?.();
  }

  async close(): Promise<void> {
    await this.subscription.close();
    this.resume();
    await this.pumping;
  }

  private async pump(): Promise<void> {
    try {
      for await (const event of this.subscription) {
        this.buffer.push(event);
        this.arrived?.();
        if (this.buffer.length >= this.capacity) {
          await new Promise<void>((resolve) => (this.drained = resolve));
        }
      }
    } catch (error) {
      this.failure = { error };
    }
    this.ended = true;
    this.arrived?.();
  }

  private resume(): void {
    const drained = this.drained;
    this.drained = undefined;
    drained?.();
  }
}
