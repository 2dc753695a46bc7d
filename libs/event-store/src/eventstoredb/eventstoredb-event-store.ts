import {
  AppendExpectedRevision,
  BACKWARDS,
  END,
  EventStoreDBClient,
  excludeSystemEvents,
  FORWARDS,
  NO_STREAM,
  ANY,
  STREAM_EXISTS,
  START,
  ReadPosition,
  ResolvedEvent,
  AllStreamResolvedEvent,
  StreamNotFoundError as ClientStreamNotFoundError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import {
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  StoredEvent,
  StreamAppend,
  StreamAppendOutcome,
  SubscribeOptions,
  Subscription,
} from '../event-store.port';
import {
  DuplicateEventIdError,
  StreamNotFoundError,
  WrongExpectedRevisionError,
} from '../event-store.errors';
import { actualRevision, translateError } from './eventstoredb-errors';
import {
  allPosition,
  isSystemEvent,
  portPosition,
  toEventData,
  toStoredEvent,
} from './eventstoredb-event-mapping';
import { EventStoreDbSubscription } from './eventstoredb-subscription';

const DEFAULT_PAGE_SIZE = 1_000;
/** $all pages read backwards while looking for the last event that is not a system event. */
const HEAD_PAGE_SIZE = 32;

/**
 * The event store on EventStoreDB (22.6 or later) through `@eventstore/db-client`.
 *
 * Event ids are checked per stream, not store-wide: EventStoreDB has no index by event id, so
 * an id reused in another stream is not detected (the PostgreSQL adapters detect it). Within a
 * stream, an id already stored is found when the append with it fails its revision check or
 * expects `any`; an append at the stream's exact current revision is written as given, since
 * finding its ids would take a read of the whole stream on every append.
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly subscriptions = new Set<EventStoreDbSubscription>();

  constructor(private readonly client: EventStoreDBClient) {}

  /** Like the client's own factory, this opens no connection: the first call does. */
  static connect(connectionString: string): EventStoreDbEventStore {
    return new EventStoreDbEventStore(EventStoreDBClient.connectionString(connectionString));
  }

  async append(
    streamId: string,
    events: readonly NewEvent[],
    expectedRevision: ExpectedRevision = 'any',
  ): Promise<AppendResult> {
    const repeated = repeatedIds(events);
    if (repeated.length > 0) throw new DuplicateEventIdError(repeated);
    if (events.length === 0) {
      return {
        nextExpectedRevision: await this.lastRevision(streamId),
        positions: [],
        written: false,
      };
    }
    // EventStoreDB answers a retry with `any` from a bounded cache of recent event ids and
    // writes the events again once they have left it, so the adapter looks for itself.
    if (expectedRevision === 'any') {
      const original = await this.findOriginalAppend(streamId, events);
      if (original !== undefined) return original;
    }
    // A retry at the same expected revision is answered by the server as a success carrying
    // the original position, indistinguishable from a fresh write except that the position
    // is not past the head as it was before the call.
    const headBefore = await this.rawHead();
    let appended: { nextExpectedRevision: bigint; position?: { commit: bigint } };
    try {
      appended = await this.client.appendToStream(streamId, events.map(toEventData), {
        expectedRevision: toClientRevision(expectedRevision),
      });
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) translateError(error, streamId);
      // The server only recognises a retry at the expected revision it was first sent with;
      // the port promises the original result for any retry of the same events.
      const original = await this.findOriginalAppend(streamId, events);
      if (original !== undefined) return original;
      throw new WrongExpectedRevisionError(
        streamId,
        String(expectedRevision),
        actualRevision(error),
      );
    }
    const nextExpectedRevision = Number(appended.nextExpectedRevision);
    const stored = await this.readStream(streamId, {
      fromRevision: nextExpectedRevision - events.length + 1,
      maxCount: events.length,
    });
    if (stored.some((event, i) => event.id !== events[i].id)) {
      throw new Error(`Stream ${streamId} does not hold the events just appended to it`);
    }
    return {
      nextExpectedRevision,
      positions: stored.map((event) => event.position),
      // Servers before 22 answer a retry with no position at all.
      written: appended.position !== undefined && appended.position.commit > headBefore,
    };
  }

  /**
   * EventStoreDB writes one stream per call (a multi-stream transaction it does not have);
   * the appends go side by side, each refused or written on its own.
   */
  async appendToStreams(appends: readonly StreamAppend[]): Promise<StreamAppendOutcome[]> {
    const settled = await Promise.allSettled(
      appends.map((append) => this.append(append.streamId, append.events, append.expectedRevision)),
    );
    return settled.map((result): StreamAppendOutcome => {
      if (result.status === 'fulfilled') return { ok: true, result: result.value };
      const error: unknown = result.reason;
      if (error instanceof WrongExpectedRevisionError || error instanceof DuplicateEventIdError)
        return { ok: false, error };
      throw error;
    });
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const direction = options.direction === 'backwards' ? BACKWARDS : FORWARDS;
    const fromRevision =
      options.fromRevision !== undefined
        ? BigInt(options.fromRevision)
        : direction === BACKWARDS
          ? END
          : START;
    const events: StoredEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamId, {
        direction,
        fromRevision,
        maxCount: options.maxCount ?? Number.MAX_SAFE_INTEGER,
      })) {
        if (resolved.event !== undefined) events.push(toStoredEvent(resolved.event));
      }
    } catch (error) {
      translateError(error, streamId);
    }
    return events;
  }

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    const limit = options.maxCount ?? DEFAULT_PAGE_SIZE;
    const events: StoredEvent[] = [];
    // Reading $all from a position includes the event at it, and system events count
    // against a page: read pages until enough of the ledger's own events are found.
    let lastSeen = options.after ?? 0;
    let from: ReadPosition = lastSeen > 0 ? allPosition(lastSeen) : START;
    const pageSize = Math.min(limit + 1, DEFAULT_PAGE_SIZE);
    while (events.length < limit) {
      const page = await this.readAllPage(from, pageSize, FORWARDS);
      for (const resolved of page) {
        if (resolved.event === undefined) continue;
        const position = portPosition(resolved.event.position, resolved.event.id);
        if (position <= lastSeen) continue;
        lastSeen = position;
        if (!isSystemEvent(resolved)) events.push(toStoredEvent(resolved.event));
        if (events.length === limit) break;
      }
      if (page.length < pageSize) break;
      from = allPosition(lastSeen);
    }
    return events;
  }

  subscribe(options: SubscribeOptions = {}): Subscription {
    const after = options.after ?? 0;
    // A subscription from a position starts after the event at it; that must be a real
    // event's position, which every position this adapter hands out is.
    const source = this.client.subscribeToAll({
      fromPosition: after > 0 ? allPosition(after) : START,
      filter: excludeSystemEvents(),
    });
    const subscription = new EventStoreDbSubscription(source, after, (closed) =>
      this.subscriptions.delete(closed),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<number> {
    // The client cannot filter a read of $all, so skip the server's own events by hand.
    let from: ReadPosition = END;
    for (;;) {
      const page = await this.readAllPage(from, HEAD_PAGE_SIZE, BACKWARDS);
      const last = page.find((resolved) => !isSystemEvent(resolved));
      if (last?.event !== undefined) return portPosition(last.event.position, last.event.id);
      const oldest = page.at(-1)?.event;
      if (page.length < HEAD_PAGE_SIZE || oldest === undefined) return 0;
      // Reading backwards from a position excludes the event at it.
      from = oldest.position;
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await this.client.dispose();
  }

  /** The commit position of the last event in $all, system events included; -1 when empty. */
  private async rawHead(): Promise<bigint> {
    const [last] = await this.readAllPage(END, 1, BACKWARDS);
    return last?.event?.position.commit ?? -1n;
  }

  private async readAllPage(
    fromPosition: ReadPosition,
    maxCount: number,
    direction: typeof FORWARDS | typeof BACKWARDS,
  ): Promise<AllStreamResolvedEvent[]> {
    const page: AllStreamResolvedEvent[] = [];
    try {
      for await (const resolved of this.client.readAll({ fromPosition, maxCount, direction })) {
        page.push(resolved);
      }
    } catch (error) {
      translateError(error);
    }
    return page;
  }

  private async lastRevision(streamId: string): Promise<number> {
    try {
      const [last] = await this.readStream(streamId, { direction: 'backwards', maxCount: 1 });
      return last.revision;
    } catch (error) {
      if (error instanceof StreamNotFoundError) return -1;
      throw error;
    }
  }

  /**
   * The result of an earlier append of exactly these events to this stream, if there was
   * one; throws when only some of them are stored, which no retry can explain.
   */
  private async findOriginalAppend(
    streamId: string,
    events: readonly NewEvent[],
  ): Promise<AppendResult | undefined> {
    const stored: ResolvedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamId)) stored.push(resolved);
    } catch (error) {
      if (error instanceof ClientStreamNotFoundError) return undefined;
      translateError(error, streamId);
    }
    const wanted = new Set(events.map((event) => event.id));
    const found = stored.flatMap((resolved) =>
      resolved.event !== undefined && wanted.has(resolved.event.id)
        ? [toStoredEvent(resolved.event)]
        : [],
    );
    if (found.length === 0) return undefined;
    const first = found[0].revision;
    const identical =
      found.length === events.length &&
      found.every((event, i) => event.id === events[i].id && event.revision === first + i);
    if (!identical) throw new DuplicateEventIdError(found.map((event) => event.id));
    return {
      nextExpectedRevision: found[found.length - 1].revision,
      positions: found.map((event) => event.position),
      written: false,
    };
  }
}

function toClientRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      return BigInt(expected);
  }
}

function repeatedIds(events: readonly NewEvent[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const event of events) {
    if (seen.has(event.id)) repeated.add(event.id);
    seen.add(event.id);
  }
  return [...repeated];
}
