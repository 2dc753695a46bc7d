/**
 * The event store port: everything the rest of the system may ask of a store.
 * Adapters (PostgreSQL, embedded PGlite, EventStoreDB) implement it identically;
 * `test/event-store/event-store.contract.ts` is the definition of "identically".
 */

/** Who recorded an event and why; stored beside the data, never inside it. */
export interface EventMetadata {
  /** The principal (API key name, CLI user, system) that recorded the event. */
  recordedBy: string;
  /** The implementing body the principal acted for, when there is one. */
  bodyId?: string;
  correlationId?: string;
  causationId?: string;
  [key: string]: unknown;
}

/** An event as a writer hands it to the store. */
export interface NewEvent {
  /** Chosen by the writer (a UUID) so that a retry never records twice. */
  id: string;
  type: string;
  /** Schema version of `data`; readers upcast older versions. */
  schemaVersion: number;
  data: Record<string, unknown>;
  metadata: EventMetadata;
}

/** An event as the store holds it. */
export interface StoredEvent extends NewEvent {
  streamId: string;
  /** Zero-based index of the event in its stream. */
  revision: number;
  /**
   * Position in the store's global order: unique, strictly increasing in the order
   * `readAll` returns events. Not necessarily contiguous.
   */
  position: number;
  /** Server time at which the store accepted the event. */
  recordedAt: Date;
}

/**
 * What an append expects of the stream: `any` (no check), `no_stream` (must not
 * exist yet), `stream_exists`, or the exact revision of its last event.
 */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | number;

export interface AppendResult {
  /** Revision of the last event appended (or found, for an idempotent retry). */
  nextExpectedRevision: number;
  /** Global position of each event appended, in the order given. */
  positions: number[];
  /** False when every event was already stored: the original result is returned. */
  written: boolean;
}

/** One of the appends of `appendToStreams`. */
export interface StreamAppend {
  streamId: string;
  events: readonly NewEvent[];
  expectedRevision?: ExpectedRevision;
}

/**
 * What one append of `appendToStreams` came to: its result, or the refusal `append` would
 * have thrown (`WrongExpectedRevisionError`, `DuplicateEventIdError`), having written nothing.
 */
export type StreamAppendOutcome = { ok: true; result: AppendResult } | { ok: false; error: Error };

export interface ReadStreamOptions {
  direction?: 'forwards' | 'backwards';
  /** First revision to read (inclusive); defaults to the start, or the end backwards. */
  fromRevision?: number;
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Read events strictly after this position; defaults to the beginning. */
  after?: number;
  maxCount?: number;
}

export interface SubscribeOptions {
  /** Deliver events strictly after this position; defaults to the beginning. */
  after?: number;
}

/**
 * A catch-up subscription: first everything after the starting position, then live.
 * Iterate it with `for await`; `close()` ends the iteration.
 */
export interface Subscription extends AsyncIterable<StoredEvent> {
  close(): Promise<void>;
}

export interface EventStore {
  /**
   * Appends all events or none. Appending events whose ids are all already stored in
   * this stream, in the same order, is a no-op that returns the original result, even if
   * the expected revision no longer holds.
   */
  append(
    streamId: string,
    events: readonly NewEvent[],
    expectedRevision?: ExpectedRevision,
  ): Promise<AppendResult>;
  /**
   * Appends to several distinct streams at once, each append on its own terms as if it were
   * a separate concurrent `append`: all or none of its events, checked against its own
   * expected revision, and one refused does not keep the others from being written. The
   * outcomes come in the order of `appends`. Rejects as a whole only when the store cannot
   * answer; as with `append`, some of the appends may then have been written.
   */
  appendToStreams(appends: readonly StreamAppend[]): Promise<StreamAppendOutcome[]>;
  /** Throws `StreamNotFoundError` when the stream has no events. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<StoredEvent[]>;
  /** A page of the global order. */
  readAll(options?: ReadAllOptions): Promise<StoredEvent[]>;
  subscribe(options?: SubscribeOptions): Subscription;
  /** Position of the last event in the global order, or 0 when the store is empty. */
  headPosition(): Promise<number>;
  close(): Promise<void>;
}
