import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The plan (KPIs, targets, grading bands, groupings) folded from the plan's events: one row
 * per state a build reached, at the position of the plan event that produced it, so an
 * as-of answer reads the plan as it stood at its cut and a current one the latest row.
 */
@Entity({ name: 'plan_snapshots' })
export class PlanSnapshotEntity {
  @PrimaryColumn({ name: 'projection_version', type: 'text' })
  projectionVersion!: string;

  @PrimaryColumn({ type: 'bigint' })
  position!: string;

  @Column({ type: 'jsonb' })
  plan!: unknown;
}
