import { ProjectionVersionStatus, buildPartitions } from '@ledger/projections';
import { QueryRunner } from 'typeorm';

/** The timeline's tables partitioned by build (see the migrations that made them so). */
const PARTITIONED = [
  'audit_timeline_contributions',
  'audit_timeline_drops',
  'audit_timeline_values',
  'audit_timeline_members',
] as const;

type PartitionedTable = (typeof PARTITIONED)[number];

/** The partition of `table` holding one build. */
export function timelinePartitionOf(table: PartitionedTable, version: string): string {
  return buildPartitions.of(table, version);
}

/** Each build's rows live in partitions of their own (`buildPartitions`). */
export const timelinePartitions = {
  async create(version: string, status: ProjectionVersionStatus, tx: QueryRunner): Promise<void> {
    await buildPartitions.create(PARTITIONED, version, status, tx);
    if (status === 'active') await indexPartitions(version, tx);
  },

  /** The build takes over: what a live build looks rows up by, and autovacuum back on. */
  async complete(version: string, tx: QueryRunner): Promise<void> {
    await indexPartitions(version, tx);
    await buildPartitions.complete(PARTITIONED, version, tx);
  },

  async drop(version: string, runner: QueryRunner): Promise<void> {
    await buildPartitions.drop(PARTITIONED, version, runner);
  },
};

/** Keys leave out projection_version, the same on every row of a partition. */
async function indexPartitions(version: string, tx: QueryRunner): Promise<void> {
  const contributions = timelinePartitionOf('audit_timeline_contributions', version);
  const drops = timelinePartitionOf('audit_timeline_drops', version);
  await tx.query(`CREATE INDEX ${contributions}_by_event ON ${contributions} (event_id)`);
  await tx.query(`CREATE INDEX ${drops}_by_target ON ${drops} (target_event_id)`);
  await tx.query(
    `ALTER TABLE ${timelinePartitionOf('audit_timeline_values', version)} ADD PRIMARY KEY (metric_id, fiscal_year, position)`,
  );
  await tx.query(
    `ALTER TABLE ${timelinePartitionOf('audit_timeline_members', version)} ADD PRIMARY KEY (metric_id, fiscal_year, member)`,
  );
}
