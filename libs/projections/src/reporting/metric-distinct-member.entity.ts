import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * For count-distinct metrics: how many live facts name each member at each grain (same
 * grains as `metric_counters`). The counter moves only when a refcount crosses zero, so a
 * retraction removes a person only when no other fact still names them. Groupings of
 * municipalities count distinct members over the municipality rows.
 */
@Entity({ name: 'metric_distinct_members' })
export class MetricDistinctMemberEntity {
  @PrimaryColumn({ name: 'projection_version', type: 'text' })
  projectionVersion!: string;

  @PrimaryColumn({ name: 'metric_id', type: 'text' })
  metricId!: string;

  @PrimaryColumn({ name: 'fiscal_year', type: 'integer' })
  fiscalYear!: number;

  @PrimaryColumn({ name: 'municipality_code', type: 'text' })
  municipalityCode!: string;

  @PrimaryColumn({ type: 'text' })
  month!: string;

  /** The member's value as jsonb text (`"p-1"`, `1`, `true`), so values of two types never merge. */
  @PrimaryColumn({ type: 'text' })
  member!: string;

  @Column({ type: 'integer' })
  refcount!: number;
}
