/** Errors of the event store port; adapters translate their drivers' errors into these. */

export class EventStoreError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The stream's revision is not the one the append expected. */
export class WrongExpectedRevisionError extends EventStoreError {
  constructor(
    readonly streamId: string,
    readonly expected: string,
    readonly actual: number | 'no_stream',
  ) {
    super(
      'wrong-expected-revision',
      `Stream ${streamId}: expected revision ${expected}, actual ${actual}`,
    );
  }
}

export class StreamNotFoundError extends EventStoreError {
  constructor(readonly streamId: string) {
    super('stream-not-found', `Stream ${streamId} not found`);
  }
}

/**
 * An event id is already stored, but not as part of an identical retry of the same append
 * (another stream, or a batch that only partly matches).
 */
export class DuplicateEventIdError extends EventStoreError {
  constructor(readonly eventIds: string[]) {
    super('duplicate-event-id', `Event id(s) already stored elsewhere: ${eventIds.join(', ')}`);
  }
}

/** The store cannot be reached right now; the caller may retry later. */
export class EventStoreUnavailableError extends EventStoreError {
  constructor(cause: unknown) {
    super('store-unavailable', `Event store unavailable: ${String(cause)}`);
    this.cause = cause;
  }
}
