import { EventStore, CoalescedRun, WARM_CONNECTIONS } from '@ledger/event-store';
import { Pool } from 'pg';
import { RecordedEventsLookup } from './recorded-events.lookup';
import { RememberedRanges } from './remembered-ranges';

const CATCH_UP_PAGE = 5_000;
const POOL_SIZE = 4;
/**
 * How long remembered ids wait for others before they are written: at 500 single-event
 * requests a second, one write then carries about five of them, and the round trips left
 * per request (its key, its append) are the api's and the server's own.
 */
const REMEMBER_WINDOW_MS = 10;

/**
 * Stores ids ($1) at their positions ($2), in id order: a catch-up and a queued write may
 * insert the same ids at once, and two inserts that wait on each other's rows in opposite
 * orders would deadlock.
 */
const INSERT_IDS = `INSERT INTO recorded_event_ids (event_id, position)
  SELECT * FROM unnest($1::uuid[], $2::bigint[]) AS t(event_id, position)
   ORDER BY event_id
  ON CONFLICT (event_id) DO NOTHING`;

/**
 * Ids of every stored event, kept in `recorded_event_ids` in the read-model database.
 *
 * The store's port cannot look an event up by id, so this table answers instead. It can
 * never be trusted to be complete on its own (a crash after an append and before
 * `remember`, or events appended by another process), so every lookup first catches the
 * table up from the store: `readAll` after its checkpoint. Rows are inserted idempotently,
 * so concurrent catch-ups and `remember` calls never conflict.
 *
 * With `densePositions` (PostgreSQL and PGlite, whose positions have no holes) `remember`
 * also moves the checkpoint over what it wrote when that starts right after it, so the
 * catch-up does not read this process's own appends back from the store; in the usual case
 * it is then empty and costs one round trip. EventStoreDB's positions are log offsets with
 * gaps, so there only the catch-up moves the checkpoint.
 *
 * The table is a cache of the store, so its writes do not wait for the disk: its own pool
 * commits with `synchronous_commit = off`. A crash loses the last of them together with
 * the checkpoint moves after them (the WAL is one sequence), and the catch-up reads those
 * events again; recording does not wait for a second flush per request.
 *
 * `remember` only queues the ids: one write, a moment later, stores what requests
 * remembered meanwhile, off their path. `findExisting` writes the queued ones first, so a
 * request still sees what this process recorded before it; if that write fails, the
 * catch-up reads the same events from the store.
 */
export class StoreBackedRecordedEventsLookup implements RecordedEventsLookup {
  /** Concurrent lookups share one catch-up rather than each reading the same events. */
  private readonly catchUps = new CoalescedRun(() => this.readNewEvents());
  private readonly remembered = new RememberedRanges();
  private queued: { id: string; position: number }[] = [];
  private readonly writes = new CoalescedRun(() => this.writeQueued());
  private writeTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly pool: Pool,
    private readonly eventStore: EventStore,
    private readonly options: { densePositions: boolean },
  ) {}

  /** A pool of its own on the read-model database, committing without waiting for the disk. */
  static poolFor(databaseUrl: string): Pool {
    const pool = new Pool({
      connectionString: databaseUrl,
      max: POOL_SIZE,
      min: WARM_CONNECTIONS,
      options: '-c synchronous_commit=off',
    });
    // Unhandled, an idle or checked-out client losing its connection would crash the
    // process; the next query reports the outage instead (a 503).
    pool.on('error', () => undefined);
    pool.on('connect', (client) => client.on('error', () => undefined));
    return pool;
  }

  async close(): Promise<void> {
    clearTimeout(this.writeTimer);
    await this.writes.run().catch(() => undefined);
    await this.pool.end();
  }

  async findExisting(
    ids: readonly string[],
    likely: 'recorded' | 'new' = 'new',
  ): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    await this.writes.run().catch(() => undefined);
    if (likely === 'new') {
      await this.catchUp();
      return this.inTable(ids);
    }
    // The table holds only stored ids, so ids it has need no catch-up; those it lacks may
    // have been appended since its last one.
    const found = await this.inTable(ids);
    if (found.size === ids.length) return found;
    await this.catchUp();
    const missing = ids.filter((id) => !found.has(id));
    for (const id of await this.inTable(missing)) found.add(id);
    return found;
  }

  private async inTable(ids: readonly string[]): Promise<Set<string>> {
    const { rows } = await this.pool.query<{ event_id: string }>(
      `SELECT event_id FROM recorded_event_ids WHERE event_id = ANY($1::uuid[])`,
      [ids],
    );
    return new Set(rows.map((row) => row.event_id));
  }

  async remember(events: readonly { id: string; position: number }[]): Promise<void> {
    if (events.length === 0) return;
    this.queued.push(...events);
    if (this.writeTimer) return;
    // Written with those remembered within the window (a lookup writes them at once);
    // failures are left to the catch-up (see above); nobody awaits this write itself.
    this.writeTimer = setTimeout(() => {
      this.writeTimer = undefined;
      this.writes.run().catch(() => undefined);
    }, REMEMBER_WINDOW_MS);
    this.writeTimer.unref();
  }

  private async writeQueued(): Promise<void> {
    const events = this.queued;
    this.queued = [];
    if (events.length === 0) return;
    if (!this.options.densePositions) {
      await this.insert(events);
      return;
    }
    // The ids and the checkpoint's move over them in one statement: one round trip per
    // write, and the checkpoint never passes an id that is not in the table. Only then do
    // the positions join the ranges the catch-up skips.
    const positions = events.map((event) => event.position);
    const ranges = this.remembered.plus(positions);
    // The ranges are disjoint and never adjacent, so at most one starts right after it.
    const { rows: moved } = await this.pool.query<{ position: string }>(
      `WITH inserted AS (${INSERT_IDS})
       UPDATE recorded_event_ids_checkpoint c SET position = r.last
         FROM unnest($3::bigint[], $4::bigint[]) AS r(first, last)
        WHERE c.position = r.first - 1
        RETURNING c.position`,
      [
        events.map((event) => event.id),
        positions,
        ranges.map((range) => range.first),
        ranges.map((range) => range.last),
      ],
    );
    this.remembered.add(positions);
    if (moved.length > 0) this.remembered.coveredUpTo(Number(moved[0].position));
  }

  /** Also run at start-up, so the first request after a crash does not pay for it. */
  catchUp(): Promise<void> {
    return this.catchUps.run();
  }

  private async readNewEvents(): Promise<void> {
    const { rows } = await this.pool.query<{ position: string }>(
      `SELECT position FROM recorded_event_ids_checkpoint`,
    );
    const [{ position }] = rows;
    let after = Number(position);
    this.remembered.coveredUpTo(after);
    for (;;) {
      // Remembered runs are in the table already: read only the gap before the first one.
      // Positions are dense, so the gap holds exactly `next.first - after - 1` events, all
      // committed (positions are handed out in commit order).
      const next = this.remembered.list()[0];
      const gap = next === undefined ? CATCH_UP_PAGE : next.first - after - 1;
      if (gap > 0) {
        const page = await this.eventStore.readAll({
          after,
          maxCount: Math.min(gap, CATCH_UP_PAGE),
        });
        if (page.length === 0) return;
        await this.insert(page);
        after = page[page.length - 1].position;
        if (next === undefined && page.length < CATCH_UP_PAGE) {
          await this.moveCheckpoint(after);
          return;
        }
      }
      if (next !== undefined && after >= next.first - 1) after = Math.max(after, next.last);
      await this.moveCheckpoint(after);
    }
  }

  private async moveCheckpoint(to: number): Promise<void> {
    await this.pool.query(
      `UPDATE recorded_event_ids_checkpoint SET position = greatest(position, $1)`,
      [to],
    );
    this.remembered.coveredUpTo(to);
  }

  private async insert(events: readonly { id: string; position: number }[]): Promise<void> {
    await this.pool.query(INSERT_IDS, [
      events.map((event) => event.id),
      events.map((event) => event.position),
    ]);
  }
}
