import { QueryRunner } from 'typeorm';

/** The timeline's tables partitioned by build (see the migrations that made them so). */
const PARTITIONED = [
  'audit_timeline_contributions',
  'audit_timeline_drops',
  'audit_timeline_values',
] as const;

type PartitionedTable = (typeof PARTITIONED)[number];

/** The partition of `table` holding one build (build keys are `2.9f2a1c0d` or `2.9f2a1c0d.r2`). */
export function timelinePartitionOf(table: PartitionedTable, version: string): string {
  return `${table}_${version.toLowerCase().replace(/[^a-z0-9]/g, '_')}`;
}

/**
 * Each build's rows live in partitions of their own: a rebuild fills them with no index to
 * maintain and indexes them once when it takes over (a sorted build instead of a B-tree
 * insert per row), and a retired build goes with a DROP TABLE.
 */
export const timelinePartitions = {
  async create(version: string, tx: QueryRunner): Promise<void> {
    const literal = `'${version.replace(/'/g, "''")}'`;
    for (const table of PARTITIONED) {
      await tx.query(
        `CREATE TABLE ${timelinePartitionOf(table, version)} PARTITION OF ${table} FOR VALUES IN (${literal})`,
      );
    }
  },

  /** What a live build looks rows up by. Keys leave out projection_version, the same on every row. */
  async index(version: string, tx: QueryRunner): Promise<void> {
    const contributions = timelinePartitionOf('audit_timeline_contributions', version);
    const drops = timelinePartitionOf('audit_timeline_drops', version);
    await tx.query(`CREATE INDEX ${contributions}_by_event ON ${contributions} (event_id)`);
    await tx.query(`CREATE INDEX ${drops}_by_target ON ${drops} (target_event_id)`);
    await tx.query(
      `ALTER TABLE ${timelinePartitionOf('audit_timeline_values', version)} ADD PRIMARY KEY (metric_id, fiscal_year, position)`,
    );
  },

  async drop(version: string, tx: QueryRunner): Promise<void> {
    for (const table of PARTITIONED)
      await tx.query(`DROP TABLE IF EXISTS ${timelinePartitionOf(table, version)}`);
  },
};
