import { EventStore } from '@ledger/event-store';
import { DataSource } from 'typeorm';
import { CoalescedRefresh } from '../coalesced-refresh';
import { RecordedEventsLookup } from './recorded-events.lookup';
import { RememberedRanges } from './remembered-ranges';

const CATCH_UP_PAGE = 5_000;

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
 */
export class StoreBackedRecordedEventsLookup implements RecordedEventsLookup {
  /** Concurrent lookups share one catch-up rather than each reading the same events. */
  private readonly catchUps = new CoalescedRefresh(() => this.readNewEvents());
  private readonly remembered = new RememberedRanges();

  constructor(
    private readonly dataSource: DataSource,
    private readonly eventStore: EventStore,
    private readonly options: { densePositions: boolean },
  ) {}

  async findExisting(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    await this.catchUp();
    const rows: { event_id: string }[] = await this.dataSource.query(
      `SELECT event_id FROM recorded_event_ids WHERE event_id = ANY($1::uuid[])`,
      [ids],
    );
    return new Set(rows.map((row) => row.event_id));
  }

  async remember(events: readonly { id: string; position: number }[]): Promise<void> {
    if (events.length === 0) return;
    await this.insert(events);
    if (!this.options.densePositions) return;
    // Only rows already inserted join the ranges, so the checkpoint never passes an id
    // that is not in the table.
    this.remembered.add(events.map((event) => event.position));
    const ranges = this.remembered.list();
    // The ranges are disjoint and never adjacent, so at most one starts right after it.
    const moved: { position: string }[] = await this.dataSource.query(
      `UPDATE recorded_event_ids_checkpoint c SET position = r.last
         FROM unnest($1::bigint[], $2::bigint[]) AS r(first, last)
        WHERE c.position = r.first - 1
        RETURNING c.position`,
      [ranges.map((range) => range.first), ranges.map((range) => range.last)],
    );
    if (moved.length > 0) this.remembered.coveredUpTo(Number(moved[0].position));
  }

  /** Also run at start-up, so the first request after a crash does not pay for it. */
  catchUp(): Promise<void> {
    return this.catchUps.run();
  }

  private async readNewEvents(): Promise<void> {
    const [{ position }]: { position: string }[] = await this.dataSource.query(
      `SELECT position FROM recorded_event_ids_checkpoint`,
    );
    let after = Number(position);
    this.remembered.coveredUpTo(after);
    for (;;) {
      const page = await this.eventStore.readAll({ after, maxCount: CATCH_UP_PAGE });
      if (page.length === 0) return;
      await this.insert(page);
      after = page[page.length - 1].position;
      await this.dataSource.query(
        `UPDATE recorded_event_ids_checkpoint SET position = greatest(position, $1)`,
        [after],
      );
      this.remembered.coveredUpTo(after);
      if (page.length < CATCH_UP_PAGE) return;
    }
  }

  private async insert(events: readonly { id: string; position: number }[]): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO recorded_event_ids (event_id, position)
       SELECT * FROM unnest($1::uuid[], $2::bigint[])
       ON CONFLICT (event_id) DO NOTHING`,
      [events.map((event) => event.id), events.map((event) => event.position)],
    );
  }
}
