import { Column, Entity, PrimaryColumn } from 'typeorm';

export type ProjectionVersionStatus = 'building' | 'active' | 'retired';

/**
 * One build of a projection: its checkpoint, its status and, on embedded PGlite, who holds
 * its lease. A new build starts `building` beside the `active` one and takes over
 * atomically once it has caught up; the old build is then `retired` and its rows deleted
 * (`dropped_at`).
 * The checkpoint lives here, so it is written in the same transaction as the rows.
 */
@Entity({ name: 'projection_versions' })
export class ProjectionVersionEntity {
  @PrimaryColumn({ type: 'text' })
  name!: string;

  /** Build key, e.g. `1.9f2a1c0d` or `1.9f2a1c0d.r2` for a second build of the same code. */
  @PrimaryColumn({ type: 'text' })
  version!: string;

  /** The projection's code version (schema and definitions) this build was made by. */
  @Column({ name: 'code_version', type: 'text' })
  codeVersion!: string;

  @Column({ type: 'text' })
  status!: ProjectionVersionStatus;

  /** Global position of the last event applied; 0 before the first. */
  @Column({ type: 'bigint', default: 0 })
  position!: string;

  @Column({ name: 'lease_owner', type: 'text', nullable: true })
  leaseOwner!: string | null;

  @Column({ name: 'lease_expires_at', type: 'timestamptz', nullable: true })
  leaseExpiresAt!: Date | null;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'activated_at', type: 'timestamptz', nullable: true })
  activatedAt!: Date | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  /** When a retired build's rows were deleted; null while they may still be there. */
  @Column({ name: 'dropped_at', type: 'timestamptz', nullable: true })
  droppedAt!: Date | null;
}
