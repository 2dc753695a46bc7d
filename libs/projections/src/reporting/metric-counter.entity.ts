import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Where a counter or member row counts everything along one dimension. */
export const ALL = '*';

/**
 * A metric's running value for a fiscal year at one grain: the whole year
 * (municipality `*`, month `*`), one municipality (month `*`; `` when none was given), or
 * one month (municipality `*`). A KPI or total is one primary-key lookup.
 */
@Entity({ name: 'metric_counters' })
export class MetricCounterEntity {
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

  @Column({ type: 'numeric' })
  value!: string;
}
