import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The first retraction or supersession of each event. Keyed by the corrected event, so a
 * second correction of the same event changes nothing, and a correction read before the
 * event it corrects still applies when that event arrives.
 */
@Entity({ name: 'activity_corrections' })
export class ActivityCorrectionEntity {
  @PrimaryColumn({ name: 'projection_version', type: 'text' })
  projectionVersion!: string;

  @PrimaryColumn({ name: 'target_event_id', type: 'uuid' })
  targetEventId!: string;

  @Column({ name: 'corrected_by_event_id', type: 'uuid' })
  correctedByEventId!: string;

  @Column({ type: 'text' })
  kind!: 'retracted' | 'superseded';

  @Column({ type: 'bigint' })
  position!: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
