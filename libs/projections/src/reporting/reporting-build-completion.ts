import { MetricDefinition } from '@ledger/domain';
import { QueryRunner } from 'typeorm';
import { buildPartitions } from '../engine/build-partitions';
import { ALL } from './metric-counter.entity';
import { MEMBER_OF } from './metric-distinct-member.entity';

/**
 * Completes a build loaded by appending alone (`ReportingProjection.apply` while
 * `building`): each fact gets its first correction, then the counters and distinct members
 * are aggregated from the live facts in one statement, by the same rules `MetricDeltas`
 * applies batch by batch to an active build, so both end with the same rows.
 */
export class ReportingBuildCompletion {
  /** The metric catalogue as rows for the aggregation. */
  private readonly specs: MetricSpecs;

  constructor(metrics: readonly MetricDefinition[]) {
    this.specs = metricSpecsOf(metrics);
  }

  async complete(version: string, tx: QueryRunner): Promise<void> {
    // The aggregation sorts and hashes every live fact once; let it do so in memory.
    await tx.query(`SET LOCAL work_mem = '128MB'`);
    await tx.query(
      `UPDATE ${buildPartitions.of('activity_facts', version)} f
          SET corrected_by_event_id = c.corrected_by_event_id, correction_kind = c.kind,
              corrected_at_position = c.position, corrected_recorded_at = c.recorded_at
         FROM activity_corrections c
        WHERE c.projection_version = $1 AND c.target_event_id = f.event_id`,
      [version],
    );
    await this.aggregateMetrics(version, tx);
  }

  private async aggregateMetrics(version: string, tx: QueryRunner): Promise<void> {
    const specs = this.specs;
    if (specs.metricIds.length === 0) return;
    const parameters: unknown[] = [
      version,
      ALL,
      specs.metricIds,
      specs.types,
      specs.kinds,
      specs.fields,
    ];
    const filterColumns: string[] = [];
    const filterTests: string[] = [];
    specs.filterKeys.forEach((keys, i) => {
      parameters.push(keys, specs.filterValues[i]);
      const n = parameters.length;
      filterColumns.push(`$${n - 1}::text[]`, `$${n}::jsonb[]`);
      filterTests.push(`(s.k${i} IS NULL OR f.data -> s.k${i} = s.v${i})`);
    });
    const specColumns = specs.filterKeys.flatMap((_, i) => [`k${i}`, `v${i}`]);
    const grain = `CASE WHEN grouping(c.municipality_code) = 0 THEN c.municipality_code ELSE $2 END,
                   CASE WHEN grouping(c.month) = 0 THEN c.month ELSE $2 END`;
    const grains = (member: string): string =>
      `GROUPING SETS ((c.metric_id, c.fiscal_year${member}),
                     (c.metric_id, c.fiscal_year, c.municipality_code${member}),
                     (c.metric_id, c.fiscal_year, c.month${member}))`;
    await tx.query(
      `WITH spec AS (
         SELECT * FROM unnest($3::text[], $4::text[], $5::text[], $6::text[]${filterColumns.map((c) => `, ${c}`).join('')})
           AS s(metric_id, type, kind, field${specColumns.map((c) => `, ${c}`).join('')})
       ), contribution AS MATERIALIZED (
         SELECT s.metric_id, s.kind, f.fiscal_year, coalesce(f.municipality_code, '') AS municipality_code,
                f.month,
                CASE WHEN s.kind = 'countDistinct' THEN ${MEMBER_OF('f.data -> s.field')} END AS member,
                CASE WHEN s.kind = 'count' THEN 1
                     WHEN jsonb_typeof(f.data -> s.field) = 'number' THEN (f.data ->> s.field)::numeric
                     ELSE 0 END AS amount
           FROM ${buildPartitions.of('activity_facts', version)} f JOIN spec s ON s.type = f.type
          WHERE f.corrected_by_event_id IS NULL
            AND (s.kind <> 'countDistinct' OR f.data ? s.field)
            ${filterTests.map((test) => `AND ${test}`).join(' ')}
       ), members AS (
         INSERT INTO ${buildPartitions.of('metric_distinct_members', version)}
           (projection_version, metric_id, fiscal_year, municipality_code, month, member, refcount)
         SELECT $1, c.metric_id, c.fiscal_year, ${grain}, c.member, count(*)::int
           FROM contribution c WHERE c.kind = 'countDistinct'
          GROUP BY ${grains(', c.member')}
         RETURNING metric_id, fiscal_year, municipality_code, month
       )
       INSERT INTO metric_counters
         (projection_version, metric_id, fiscal_year, municipality_code, month, value)
       SELECT $1, c.metric_id, c.fiscal_year, ${grain}, sum(c.amount)
         FROM contribution c WHERE c.kind <> 'countDistinct'
        GROUP BY ${grains('')}
       HAVING sum(c.amount) <> 0
       UNION ALL
       SELECT $1, m.metric_id, m.fiscal_year, m.municipality_code, m.month, count(*)
         FROM members m GROUP BY m.metric_id, m.fiscal_year, m.municipality_code, m.month`,
      parameters,
    );
  }
}

/** The metric catalogue as parallel arrays, one row per metric and event type it reads. */
interface MetricSpecs {
  metricIds: string[];
  types: string[];
  kinds: string[];
  fields: (string | null)[];
  /** Per filter slot: the slot's field (null when the metric has fewer) and its JSON value. */
  filterKeys: (string | null)[][];
  filterValues: (string | null)[][];
}

function metricSpecsOf(metrics: readonly MetricDefinition[]): MetricSpecs {
  const rows = metrics.flatMap((metric) =>
    metric.eventTypes.map((type) => ({
      metric,
      type,
      filter: Object.entries(metric.filter ?? {}),
    })),
  );
  const slots = Math.max(0, ...rows.map((row) => row.filter.length));
  const slot = (i: number) => rows.map((row) => row.filter[i]);
  return {
    metricIds: rows.map((row) => row.metric.id),
    types: rows.map((row) => row.type),
    kinds: rows.map((row) => row.metric.aggregate.kind),
    fields: rows.map((row) =>
      'field' in row.metric.aggregate ? row.metric.aggregate.field : null,
    ),
    filterKeys: Array.from({ length: slots }, (_, i) => slot(i).map((entry) => entry?.[0] ?? null)),
    filterValues: Array.from({ length: slots }, (_, i) =>
      slot(i).map((entry) => (entry ? JSON.stringify(entry[1]) : null)),
    ),
  };
}
