import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One row per activity event, with both of its times and, once corrected, the correcting
 * event's position and time. "As known at T" and "as happened by D" are then SQL over
 * these rows: recorded_at <= T and (corrected_recorded_at IS NULL OR > T); occurred_on <= D.
 */
@Entity({ name: 'activity_facts' })
@Index('activity_facts_by_year_type', ['projectionVersion', 'fiscalYear', 'type'])
export class ActivityFactEntity {
  @PrimaryColumn({ name: 'projection_version', type: 'text' })
  projectionVersion!: string;

  @PrimaryColumn({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @Column({ type: 'bigint' })
  position!: string;

  @Column({ type: 'text' })
  type!: string;

  @Column({ name: 'stream_id', type: 'text' })
  streamId!: string;

  @Column({ name: 'occurred_on', type: 'date' })
  occurredOn!: string;

  @Column({ name: 'fiscal_year', type: 'integer' })
  fiscalYear!: number;

  /** Calendar month key, `2023-06`. */
  @Column({ type: 'text' })
  month!: string;

  @Column({ name: 'municipality_code', type: 'text', nullable: true })
  municipalityCode!: string | null;

  @Column({ name: 'body_id', type: 'text', nullable: true })
  bodyId!: string | null;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;

  @Column({ name: 'recorded_by', type: 'text', nullable: true })
  recordedBy!: string | null;

  /**
   * The fields of the event's data (after upcasting) that some metric filters or
   * aggregates on; the full event stays in the store. A metric on a new field is a new
   * code version, hence a rebuild, which fills the field in.
   */
  @Column({ type: 'jsonb' })
  data!: Record<string, unknown>;

  @Column({ name: 'supersedes_event_id', type: 'uuid', nullable: true })
  supersedesEventId!: string | null;

  @Column({ name: 'corrected_by_event_id', type: 'uuid', nullable: true })
  correctedByEventId!: string | null;

  @Column({ name: 'correction_kind', type: 'text', nullable: true })
  correctionKind!: 'retracted' | 'superseded' | null;

  @Column({ name: 'corrected_at_position', type: 'bigint', nullable: true })
  correctedAtPosition!: string | null;

  @Column({ name: 'corrected_recorded_at', type: 'timestamptz', nullable: true })
  correctedRecordedAt!: Date | null;
}
