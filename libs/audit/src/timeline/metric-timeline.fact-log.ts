import { CopyValue, canCopyRows, copyRows } from '@ledger/projections';
import { QueryRunner } from 'typeorm';
import { Contribution } from './metric-timeline.contributions';
import { timelinePartitionOf } from './metric-timeline.partitions';

/** One activity's contributions, as a batch appends them. */
export interface LoggedFact {
  position: number;
  eventId: string;
  contributions: Contribution[];
}

/** A retraction or supersession of `target`, as a batch appends it. */
export interface LoggedDrop {
  position: number;
  target: string;
}

/** What the fact log knew of some event ids before a batch. */
export interface FactLogState {
  /** Ids some earlier event retracted or superseded: they never count again. */
  dropped: Set<string>;
  /** The contributions logged for each id that has any. */
  contributions: Map<string, Contribution[]>;
}

const CONTRIBUTION_COLUMNS = [
  'projection_version',
  'position',
  'event_id',
  'metric_ordinal',
  'fiscal_year',
  'member',
  'amount',
];
const DROP_COLUMNS = ['projection_version', 'position', 'target_event_id'];

/**
 * The facts of the timeline, as read: every activity's contributions and every correction,
 * each batch appended without a lookup or an upsert. Whether a fact counts follows from the
 * order (a fact counts unless dropped before it arrived; only its first drop counts), which
 * both the live fold and the set-based completion derive alike.
 */
export const timelineFactLog = {
  /** Which of `ids` were dropped before the batch, and what the `targets` logged contribute. */
  async state(
    ids: readonly string[],
    targets: readonly string[],
    tx: QueryRunner,
    version: string,
  ): Promise<FactLogState> {
    const state: FactLogState = { dropped: new Set(), contributions: new Map() };
    if (ids.length === 0) return state;
    const dropped = await tx.query(
      `SELECT DISTINCT target_event_id FROM ${timelinePartitionOf('audit_timeline_drops', version)} WHERE target_event_id = ANY($1::uuid[])`,
      [ids],
    );
    for (const row of dropped as { target_event_id: string }[])
      state.dropped.add(row.target_event_id);
    const live = targets.filter((target) => !state.dropped.has(target));
    if (live.length === 0) return state;
    const logged = await tx.query(
      `SELECT event_id, metric_ordinal, fiscal_year, member, amount::float8 AS amount
         FROM ${timelinePartitionOf('audit_timeline_contributions', version)}
        WHERE event_id = ANY($1::uuid[]) ORDER BY event_id, metric_ordinal`,
      [live],
    );
    for (const row of logged as {
      event_id: string;
      metric_ordinal: number;
      fiscal_year: number;
      member: string | null;
      amount: number | null;
    }[]) {
      const list = state.contributions.get(row.event_id) ?? [];
      list.push({
        ordinal: row.metric_ordinal,
        fiscalYear: row.fiscal_year,
        member: row.member ?? undefined,
        amount: row.amount ?? undefined,
      });
      state.contributions.set(row.event_id, list);
    }
    return state;
  },

  /** COPY where the database takes it; PGlite has no COPY from a client, so there `unnest`. */
  async append(
    facts: readonly LoggedFact[],
    drops: readonly LoggedDrop[],
    tx: QueryRunner,
    version: string,
  ): Promise<void> {
    const copy = await canCopyRows(tx);
    const contributions = timelinePartitionOf('audit_timeline_contributions', version);
    if (facts.length > 0 && copy) {
      await copyRows(tx, contributions, CONTRIBUTION_COLUMNS, contributionRows(facts, version));
    } else if (facts.length > 0) {
      const rows = [...contributionRows(facts, version)];
      await tx.query(
        `INSERT INTO ${contributions} (${CONTRIBUTION_COLUMNS.join(', ')})
         SELECT $1, * FROM unnest($2::bigint[], $3::uuid[], $4::int[], $5::int[], $6::text[], $7::numeric[])`,
        [version, ...[1, 2, 3, 4, 5, 6].map((column) => rows.map((row) => row[column]))],
      );
    }
    if (drops.length === 0) return;
    const dropped = timelinePartitionOf('audit_timeline_drops', version);
    if (copy) {
      await copyRows(tx, dropped, DROP_COLUMNS, dropRows(drops, version));
    } else {
      await tx.query(
        `INSERT INTO ${dropped} (${DROP_COLUMNS.join(', ')}) SELECT $1, * FROM unnest($2::bigint[], $3::uuid[])`,
        [version, drops.map((drop) => drop.position), drops.map((drop) => drop.target)],
      );
    }
  },
};

function* contributionRows(facts: readonly LoggedFact[], version: string): Generator<CopyValue[]> {
  for (const fact of facts) {
    for (const c of fact.contributions)
      yield [
        version,
        fact.position,
        fact.eventId,
        c.ordinal,
        c.fiscalYear,
        c.member ?? null,
        c.amount ?? null,
      ];
  }
}

function* dropRows(drops: readonly LoggedDrop[], version: string): Generator<CopyValue[]> {
  for (const drop of drops) yield [version, drop.position, drop.target];
}
