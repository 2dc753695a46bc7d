/**
 * The storage behind the EventStoreDB test server: one transaction log ($all) and the
 * per-stream index over it, with EventStoreDB's commit checks (expected versions and
 * idempotent retries, as `IndexWriter.CheckCommit` decides them).
 */

/** EventStoreDB's encoding of the expected version: a revision, or one of these. */
export const EXPECTED_ANY = -2n;
export const EXPECTED_NO_STREAM = -1n;
export const EXPECTED_STREAM_EXISTS = -4n;

export interface ProposedEvent {
  id: string;
  type: string;
  contentType: string;
  data: Uint8Array;
  customMetadata: Uint8Array;
}

export interface LoggedEvent extends ProposedEvent {
  streamName: string;
  revision: bigint;
  /** Log position of the event's prepare record; its commit position is the same number. */
  position: bigint;
  /** .NET ticks (100 ns) since the Unix epoch, as the server sends `created`. */
  createdTicks: bigint;
}

export type CommitResult =
  | {
      kind: 'written' | 'idempotent';
      firstRevision: bigint;
      lastRevision: bigint;
      position: bigint;
    }
  | { kind: 'wrong-expected-version'; currentRevision: bigint };

/** Bytes a record takes in the log besides its payload, so positions are not contiguous. */
const RECORD_OVERHEAD = 128n;
/** The position of the first record; a real log starts with its epoch and system records. */
const FIRST_POSITION = 1_024n;

export class InMemoryEventLog {
  private readonly log: LoggedEvent[] = [];
  private readonly streams = new Map<string, LoggedEvent[]>();
  private readonly listeners = new Set<(event: LoggedEvent) => void>();
  private nextPosition = FIRST_POSITION;

  /** Every event in $all order. */
  all(): readonly LoggedEvent[] {
    return this.log;
  }

  stream(name: string): readonly LoggedEvent[] | undefined {
    return this.streams.get(name);
  }

  /** Calls `listener` with each event committed from now on; returns the unsubscribe. */
  onCommitted(listener: (event: LoggedEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  commit(
    streamName: string,
    expectedVersion: bigint,
    events: readonly ProposedEvent[],
  ): CommitResult {
    const stream = this.streams.get(streamName) ?? [];
    const current = BigInt(stream.length) - 1n;

    const checked = this.check(stream, current, expectedVersion, events);
    if (checked !== undefined) return checked;
    if (events.length === 0) {
      return { kind: 'written', firstRevision: current + 1n, lastRevision: current, position: -1n };
    }

    const createdTicks = BigInt(Date.now()) * 10_000n;
    let revision = current;
    for (const proposed of events) {
      revision += 1n;
      const event: LoggedEvent = {
        ...proposed,
        streamName,
        revision,
        position: this.nextPosition,
        createdTicks,
      };
      this.nextPosition +=
        RECORD_OVERHEAD +
        BigInt(proposed.data.length + proposed.customMetadata.length + streamName.length);
      stream.push(event);
      this.log.push(event);
    }
    this.streams.set(streamName, stream);
    const written = stream.slice(Number(current + 1n));
    for (const event of written) for (const listener of this.listeners) listener(event);
    return {
      kind: 'written',
      firstRevision: current + 1n,
      lastRevision: revision,
      position: written[written.length - 1].position,
    };
  }

  private check(
    stream: readonly LoggedEvent[],
    current: bigint,
    expected: bigint,
    events: readonly ProposedEvent[],
  ): CommitResult | undefined {
    const wrong: CommitResult = { kind: 'wrong-expected-version', currentRevision: current };
    if (expected === EXPECTED_STREAM_EXISTS && current < 0n) return wrong;
    if (expected === EXPECTED_ANY || expected === EXPECTED_STREAM_EXISTS) {
      // The server recognises a retry by the first event's id wherever it landed in the stream.
      const start = stream.findIndex((event) => event.id === events[0]?.id);
      if (start < 0) return undefined;
      return this.retried(stream, BigInt(start) - 1n, events) ?? wrong;
    }
    if (expected < current) return this.retried(stream, expected, events) ?? wrong;
    if (expected > current) return wrong;
    return undefined;
  }

  /** The original commit when `events` are stored right after `expected`, in order. */
  private retried(
    stream: readonly LoggedEvent[],
    expected: bigint,
    events: readonly ProposedEvent[],
  ): CommitResult | undefined {
    const first = Number(expected + 1n);
    const stored = stream.slice(first, first + events.length);
    if (stored.length !== events.length || stored.some((event, i) => event.id !== events[i].id)) {
      return undefined;
    }
    const last = stored[stored.length - 1];
    return {
      kind: 'idempotent',
      firstRevision: expected + 1n,
      lastRevision: last.revision,
      position: last.position,
    };
  }
}
