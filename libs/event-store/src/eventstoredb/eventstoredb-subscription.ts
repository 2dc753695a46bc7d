import { AllStreamSubscription } from '@eventstore/db-client';
import { StoredEvent, Subscription } from '../event-store.port';
import { translateError } from './eventstoredb-errors';
import { isSystemEvent, toStoredEvent } from './eventstoredb-event-mapping';

/** Pauses the gRPC stream while this many events wait for the consumer. */
const HIGH_WATER_MARK = 256;

/**
 * The port's pull-based subscription over the client's push-based catch-up subscription to
 * $all, with backpressure: the gRPC stream is paused while the consumer lags behind.
 */
export class EventStoreDbSubscription implements Subscription {
  private readonly buffer: StoredEvent[] = [];
  private waiter:
    | { resolve: (result: IteratorResult<StoredEvent>) => void; reject: (error: unknown) => void }
    | undefined;
  private failure: unknown;
  private ended = false;
  private closing: Promise<void> | undefined;

  constructor(
    private readonly source: AllStreamSubscription,
    /** Events at or before this position were already delivered or are not wanted. */
    private lastPosition: number,
    private readonly onClosed: (subscription: EventStoreDbSubscription) => void,
  ) {
    source.on('data', (resolved) => {
      if (this.ended || isSystemEvent(resolved) || resolved.event === undefined) return;
      let event: StoredEvent;
      try {
        event = toStoredEvent(resolved.event);
      } catch (error) {
        this.fail(error);
        return;
      }
      // A resumed catch-up can repeat its starting event; the port promises "strictly after".
      if (event.position <= this.lastPosition) return;
      this.lastPosition = event.position;
      this.push(event);
    });
    source.on('error', (error) => {
      try {
        translateError(error);
      } catch (translated) {
        this.fail(translated);
      }
    });
    source.on('end', () => this.finish());
    source.on('close', () => this.finish());
  }

  [Symbol.asyncIterator](): AsyncIterator<StoredEvent> {
    return {
      next: () => this.next(),
      return: async () => {
        await this.close();
        return { done: true, value: undefined };
      },
    };
  }

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    this.buffer.length = 0;
    this.finish();
    await this.source.unsubscribe();
    this.source.destroy();
  }

  private next(): Promise<IteratorResult<StoredEvent>> {
    const event = this.buffer.shift();
    if (event !== undefined) {
      if (this.buffer.length < HIGH_WATER_MARK / 2 && !this.ended) this.source.resume();
      return Promise.resolve({ done: false, value: event });
    }
    if (this.failure !== undefined) return Promise.reject(this.failure);
    if (this.ended) return Promise.resolve({ done: true, value: undefined });
    return new Promise((resolve, reject) => {
      this.waiter = { resolve, reject };
    });
  }

  private push(event: StoredEvent): void {
    const waiter = this.waiter;
    if (waiter !== undefined) {
      this.waiter = undefined;
      waiter.resolve({ done: false, value: event });
      return;
    }
    this.buffer.push(event);
    if (this.buffer.length >= HIGH_WATER_MARK) this.source.pause();
  }

  private fail(error: unknown): void {
    if (this.ended) return;
    this.failure = error;
    this.ended = true;
    this.onClosed(this);
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.reject(error);
  }

  private finish(): void {
    if (this.ended) return;
    this.ended = true;
    this.onClosed(this);
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.resolve({ done: true, value: undefined });
  }
}
