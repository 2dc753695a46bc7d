import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The plan (KPIs, targets, grading bands, groupings) folded from the plan's events. */
@Entity({ name: 'plan_snapshots' })
export class PlanSnapshotEntity {
  @PrimaryColumn({ name: 'projection_version', type: 'text' })
  projectionVersion!: string;

  @Column({ type: 'jsonb' })
  plan!: unknown;

  @Column({ type: 'bigint' })
  position!: string;
}
