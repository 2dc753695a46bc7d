import { Pool } from 'pg';
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
import { appendFunctionMigration, eventStoreMigration } from './postgres-event-store.migration';
import { translateError } from './postgres-errors';
import { PostgresNotificationListener } from './postgres-notification-listener';
import { PostgresSubscription } from './postgres-subscription';
import { AppendQueue } from './append-queue';
import { WakeSignal } from './wake-signal';

export interface PostgresEventStoreOptions {
  /** Schema holding the `events` table; lets several stores share one database. */
  schema?: string;
  /**
   * LISTEN for appends made by other processes. Off for PGlite, whose notifications
   * never reach another connection; subscriptions then rely on polling.
   */
  liveNotifications: boolean;
  /** How often an idle subscription looks for events nobody woke it for; 250 ms by default. */
  pollIntervalMs?: number;
}

const DEFAULT_SCHEMA = 'event_store';
const DEFAULT_PAGE_SIZE = 1_000;
const POLL_INTERVAL_MS = 250;
const IDENTIFIER = /^[a-z_][a-z0-9_]{0,40}$/;
/** Appends sent together stop taking more at about this many events (the api's batches are 1000). */
const MAX_EVENTS_PER_CALL = 5_000;

interface EventRow {
  position: string;
  event_id: string;
  stream_id: string;
  revision: number;
  type: string;
  schema_version: number;
  data: Record<string, unknown>;
  metadata: StoredEvent['metadata'];
  recorded_at: Date;
}

/** What `append_events` answers: the ids found, the revision alone, or where the append began. */
interface AppendRow {
  r_outcome: 'existing' | 'not-appended' | 'appended';
  r_current: number | null;
  r_event_id: string | null;
  r_stream_id: string | null;
  r_revision: number | null;
  r_position: string | null;
}

const COLUMNS =
  'position, event_id, stream_id, revision, type, schema_version, data, metadata, recorded_at';

/** The event store on PostgreSQL (or PGlite behind its socket server), through `pg`. */
export class PostgresEventStore implements EventStore {
  private readonly table: string;
  private readonly channel: string;
  private readonly lockKey: number;
  private readonly watchers = new Set<WakeSignal>();
  private readonly subscriptions = new Set<PostgresSubscription>();
  private readonly listener: PostgresNotificationListener | undefined;
  private readonly appends = new AppendQueue(
    (appends) => this.sendAppends(appends),
    MAX_EVENTS_PER_CALL,
  );
  private closed = false;

  constructor(
    private readonly pool: Pool,
    private readonly options: PostgresEventStoreOptions,
  ) {
    const schema = options.schema ?? DEFAULT_SCHEMA;
    if (!IDENTIFIER.test(schema)) {
      throw new Error(`Event store schema "${schema}" must match ${IDENTIFIER}`);
    }
    this.table = `${schema}.events`;
    this.channel = `${schema}_appended`;
    this.lockKey = advisoryLockKey(schema);
    this.listener = options.liveNotifications
      ? new PostgresNotificationListener(pool.options, this.channel, () => this.wakeAll())
      : undefined;
  }

  get schema(): string {
    return this.options.schema ?? DEFAULT_SCHEMA;
  }

  /** Creates the schema and table when missing; safe to run at every start. */
  async initialize(): Promise<void> {
    try {
      // Concurrent first starts would race on CREATE ... IF NOT EXISTS in the catalog.
      const client = await this.pool.connect();
      try {
        await client.query(`BEGIN; SELECT pg_advisory_xact_lock(${this.lockKey})`);
        await client.query(eventStoreMigration(this.schema));
        await client.query(appendFunctionMigration(this.schema, this.lockKey, this.channel));
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    } catch (error) {
      translateError(error);
    }
  }

  async append(
    streamId: string,
    events: readonly NewEvent[],
    expectedRevision: ExpectedRevision = 'any',
  ): Promise<AppendResult> {
    const repeated = repeatedIds(events);
    if (repeated.length > 0) throw new DuplicateEventIdError(repeated);
    const [outcome] = await this.appends.submit([{ streamId, events, expectedRevision }]);
    if (!outcome.ok) throw outcome.error;
    return outcome.result;
  }

  async appendToStreams(appends: readonly StreamAppend[]): Promise<StreamAppendOutcome[]> {
    const outcomes: (StreamAppendOutcome | undefined)[] = appends.map(({ events }) => {
      const repeated = repeatedIds(events);
      return repeated.length > 0
        ? { ok: false, error: new DuplicateEventIdError(repeated) }
        : undefined;
    });
    const sent = appends.filter((_, i) => outcomes[i] === undefined);
    if (sent.length === 0) return outcomes as StreamAppendOutcome[];
    const answered = await this.appends.submit(sent);
    let next = 0;
    return outcomes.map((outcome) => outcome ?? answered[next++]);
  }

  /**
   * One call of the `AppendQueue`: `append_events` for one append, `append_to_streams` for
   * several, each answered as `append_events` answers it alone. Positions come from
   * max(position) + n under one transaction-scoped lock, so they are handed out in commit
   * order: the lock is released only after the commit is visible, and the next appender
   * reads the head after that. A bigserial would let a transaction holding position 11
   * commit before the one holding 10; a subscriber that read 11 would then continue after it
   * and never see 10. The commit waits for the WAL flush, so an event is on disk before it
   * is visible, let alone acknowledged.
   */
  private async sendAppends(appends: readonly StreamAppend[]): Promise<StreamAppendOutcome[]> {
    let rowsOf: AppendRow[][];
    try {
      if (appends.length === 1) {
        const [{ streamId, events, expectedRevision }] = appends;
        const { rows } = await this.pool.query<AppendRow>(
          `SELECT * FROM ${this.schema}.append_events($1, $2, $3::jsonb, $4::jsonb)`,
          [streamId, String(expectedRevision ?? 'any'), ...eventsJson(events)],
        );
        rowsOf = [rows];
      } else {
        const { rows } = await this.pool.query<AppendRow & { r_index: number }>(
          `SELECT * FROM ${this.schema}.append_to_streams($1::jsonb)`,
          [
            `[${appends
              .map((append) => {
                const [events, metadata] = eventsJson(append.events);
                return `{"streamId":${JSON.stringify(append.streamId)},"expected":${JSON.stringify(
                  String(append.expectedRevision ?? 'any'),
                )},"events":${events},"metadata":${metadata ?? 'null'}}`;
              })
              .join(',')}]`,
          ],
        );
        rowsOf = appends.map((): AppendRow[] => []);
        for (const row of rows) rowsOf[row.r_index].push(row);
      }
    } catch (error) {
      translateError(error);
    }
    const outcomes = appends.map((append, i) =>
      appendOutcome(append.streamId, append.events, append.expectedRevision ?? 'any', rowsOf[i]),
    );
    if (outcomes.some((outcome) => outcome.ok && outcome.result.written)) this.wakeAll();
    return outcomes;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision ?? (backwards ? 2_147_483_647 : 0);
    try {
      const { rows } = await this.pool.query<EventRow>(
        `SELECT ${COLUMNS} FROM ${this.table}
          WHERE stream_id = $1 AND revision ${backwards ? '<=' : '>='} $2
          ORDER BY revision ${backwards ? 'DESC' : 'ASC'}
          LIMIT $3`,
        [streamId, from, options.maxCount ?? null],
      );
      if (rows.length === 0) {
        const found = await this.pool.query(
          `SELECT 1 FROM ${this.table} WHERE stream_id = $1 LIMIT 1`,
          [streamId],
        );
        if (found.rowCount === 0) throw new StreamNotFoundError(streamId);
      }
      return rows.map(toStoredEvent);
    } catch (error) {
      translateError(error);
    }
  }

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    try {
      const { rows } = await this.pool.query<EventRow>(
        `SELECT ${COLUMNS} FROM ${this.table} WHERE position > $1 ORDER BY position LIMIT $2`,
        [options.after ?? 0, options.maxCount ?? DEFAULT_PAGE_SIZE],
      );
      return rows.map(toStoredEvent);
    } catch (error) {
      translateError(error);
    }
  }

  subscribe(options: SubscribeOptions = {}): Subscription {
    if (this.closed) throw new Error('The event store is closed');
    const subscription = new PostgresSubscription(
      {
        readAll: (page) => this.readAll(page),
        watch: (signal) => this.watch(signal),
      },
      options.after ?? 0,
      {
        pageSize: DEFAULT_PAGE_SIZE,
        pollIntervalMs: this.options.pollIntervalMs ?? POLL_INTERVAL_MS,
      },
      (closed) => this.subscriptions.delete(closed),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<number> {
    try {
      const { rows } = await this.pool.query<{ head: string }>(
        `SELECT coalesce(max(position), 0) AS head FROM ${this.table}`,
      );
      return Number(rows[0].head);
    } catch (error) {
      translateError(error);
    }
  }

  /** Ends the subscriptions and the LISTEN connection; the pool belongs to the caller. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await this.listener?.stop();
  }

  private watch(signal: WakeSignal): () => void {
    this.watchers.add(signal);
    this.listener?.start();
    return () => this.watchers.delete(signal);
  }

  private wakeAll(): void {
    for (const signal of this.watchers) signal.wake();
  }
}

/**
 * The events and metadata as `append_events` takes them. The events of one request share
 * their metadata: it is then sent once, not with each event (a third of a batch's bytes).
 */
function eventsJson(events: readonly NewEvent[]): [events: string, metadata: string | null] {
  const metadata = events.map((event) => JSON.stringify(event.metadata));
  const shared = events.length > 0 && metadata.every((json) => json === metadata[0]);
  const json = JSON.stringify(
    events.map((event) => ({
      id: event.id,
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: event.data,
      metadata: shared ? undefined : event.metadata,
    })),
  );
  return [json, shared ? metadata[0] : null];
}

/** What the rows `append_events` answered for one append mean for its caller. */
function appendOutcome(
  streamId: string,
  events: readonly NewEvent[],
  expectedRevision: ExpectedRevision,
  rows: readonly AppendRow[],
): StreamAppendOutcome {
  try {
    const outcome = rows[0]?.r_outcome;
    if (outcome === 'existing') {
      const ids = events.map((event) => event.id);
      return { ok: true, result: retriedAppend(streamId, ids, rows) };
    }
    if (outcome === 'not-appended') {
      const currentRevision = rows[0].r_current;
      checkExpectedRevision(streamId, expectedRevision, currentRevision);
      return {
        ok: true,
        result: { nextExpectedRevision: currentRevision ?? -1, positions: [], written: false },
      };
    }
    // Appended: one row, the first event's revision and position; the rest follow on.
    const first = Number(rows[0].r_position);
    return {
      ok: true,
      result: {
        nextExpectedRevision: (rows[0].r_revision as number) + events.length - 1,
        positions: events.map((_, i) => first + i),
        written: true,
      },
    };
  } catch (error) {
    if (error instanceof WrongExpectedRevisionError || error instanceof DuplicateEventIdError)
      return { ok: false, error };
    throw error;
  }
}

function checkExpectedRevision(
  streamId: string,
  expected: ExpectedRevision,
  current: number | null,
): void {
  const holds =
    expected === 'any' ||
    (expected === 'no_stream' && current === null) ||
    (expected === 'stream_exists' && current !== null) ||
    expected === current;
  if (!holds) {
    throw new WrongExpectedRevisionError(streamId, String(expected), current ?? 'no_stream');
  }
}

/**
 * All ids already stored in this stream, in the given order, as one run of revisions:
 * the earlier append succeeded and this is its retry. Anything else reuses ids.
 */
function retriedAppend(
  streamId: string,
  ids: string[],
  existing: readonly AppendRow[],
): AppendResult {
  const byId = new Map(existing.map((row) => [row.r_event_id, row]));
  const found = ids.map((id) => byId.get(id.toLowerCase()));
  const first = found[0]?.r_revision;
  const isRetry =
    first !== undefined &&
    first !== null &&
    found.every((row, i) => row?.r_stream_id === streamId && row.r_revision === first + i);
  if (!isRetry) {
    throw new DuplicateEventIdError(existing.map((row) => row.r_event_id as string));
  }
  return {
    nextExpectedRevision: first + ids.length - 1,
    positions: found.map((row) => Number(row?.r_position)),
    written: false,
  };
}

function repeatedIds(events: readonly NewEvent[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const { id } of events) {
    const key = id.toLowerCase();
    if (seen.has(key)) repeated.add(id);
    seen.add(key);
  }
  return [...repeated];
}

function toStoredEvent(row: EventRow): StoredEvent {
  return {
    id: row.event_id,
    type: row.type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata: row.metadata,
    streamId: row.stream_id,
    revision: row.revision,
    position: Number(row.position),
    recordedAt: row.recorded_at,
  };
}

/** A stable 31-bit key per schema (FNV-1a), so stores in different schemas never contend. */
function advisoryLockKey(schema: string): number {
  let hash = 0x811c9dc5;
  for (const char of `ledger-event-store:${schema}`) {
    hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193);
  }
  return hash & 0x7fffffff;
}
