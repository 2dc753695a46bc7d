import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * How a member row names a distinct value: its JSON text as PostgreSQL writes jsonb, so
 * "1" and 1 stay two members (as in the domain's reference evaluator). Applied by
 * PostgreSQL on both paths that write members (a batch's deltas and a new build's
 * aggregation), so the two always agree.
 */
export const MEMBER_OF = (json: string): string => `(${json})::text`;

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
