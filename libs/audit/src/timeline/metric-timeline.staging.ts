import { CopyValue, canCopyRows, copyRows } from '@ledger/projections';
import { QueryRunner } from 'typeorm';
import { NumberedContribution } from './metric-timeline.contributions';

/** One activity's contributions, as a building build appends them. */
export interface StagedFact {
  position: number;
  eventId: string;
  contributions: NumberedContribution[];
}

/** A retraction or supersession of `target`, as a building build appends it. */
export interface StagedDrop {
  position: number;
  target: string;
}

export const STAGED_TABLES = ['audit_timeline_staged_contributions', 'audit_timeline_staged_drops'] as const;

const CONTRIBUTION_COLUMNS = ['projection_version', 'position', 'event_id', 'metric_ordinal', 'fiscal_year', 'member', 'amount'];
const DROP_COLUMNS = ['projection_version', 'position', 'target_event_id'];

/** The partition of a staging table holding one build (build keys are `2.9f2a1c0d` or `2.9f2a1c0d.r2`). */
export function stagedPartitionOf(table: (typeof STAGED_TABLES)[number], version: string): string {
  return `${table}_${version.toLowerCase().replace(/[^a-z0-9]/g, '_')}`;
}

export async function createStagedPartitions(version: string, tx: QueryRunner): Promise<void> {
  for (const table of STAGED_TABLES) {
    await tx.query(`CREATE TABLE ${stagedPartitionOf(table, version)} PARTITION OF ${table} FOR VALUES IN ('${version.replace(/'/g, "''")}')`);
  }
}

export async function dropStagedPartitions(version: string, tx: QueryRunner): Promise<void> {
  for (const table of STAGED_TABLES) await tx.query(`DROP TABLE IF EXISTS ${stagedPartitionOf(table, version)}`);
}

/**
 * A building build's batch: only what arrived, appended without a lookup, an upsert or an
 * index; the order they are folded in is the positions'. COPY where the database takes it;
 * PGlite has no COPY from a client, so there the rows go as `unnest` parameters.
 */
export async function appendStaged(facts: readonly StagedFact[], drops: readonly StagedDrop[], tx: QueryRunner, version: string): Promise<void> {
  const copy = await canCopyRows(tx);
  const contributions = stagedPartitionOf('audit_timeline_staged_contributions', version);
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
  const dropped = stagedPartitionOf('audit_timeline_staged_drops', version);
  if (copy) {
    await copyRows(tx, dropped, DROP_COLUMNS, dropRows(drops, version));
  } else {
    await tx.query(`INSERT INTO ${dropped} (${DROP_COLUMNS.join(', ')}) SELECT $1, * FROM unnest($2::bigint[], $3::uuid[])`, [
      version,
      drops.map((drop) => drop.position),
      drops.map((drop) => drop.target),
    ]);
  }
}

function* contributionRows(facts: readonly StagedFact[], version: string): Generator<CopyValue[]> {
  for (const fact of facts) {
    for (const { ordinal, contribution } of fact.contributions) {
      yield [version, fact.position, fact.eventId, ordinal, contribution.fy, contribution.k ?? null, contribution.a ?? null];
    }
  }
}

function* dropRows(drops: readonly StagedDrop[], version: string): Generator<CopyValue[]> {
  for (const drop of drops) yield [version, drop.position, drop.target];
}
