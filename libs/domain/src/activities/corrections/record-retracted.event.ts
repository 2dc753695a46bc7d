import { IsoDate } from '../../calendar/iso-date';
import { Activity } from '../activity-base';
import { ActivityDefinition } from '../activity-definition';
import { field } from '../field-rule';

/**
 * A recorded activity was a mistake (duplicate, wrong person, never happened): it drops out
 * of every figure, yet stays in the history. Retractions are final; to restore a retracted
 * fact, record it anew.
 */
export type RecordRetractedData = {
  /** When the retraction was decided. */
  readonly occurredOn: IsoDate;
  readonly bodyId: string;
  readonly eventId: string;
  readonly reason: string;
};

export type RecordRetracted = Activity<'RecordRetracted', RecordRetractedData>;

export const RECORD_RETRACTED: ActivityDefinition<'RecordRetracted', RecordRetractedData> = {
  type: 'RecordRetracted',
  schemaVersion: 1,
  measureId: null,
  measureIds: [],
  description: 'A recorded activity is retracted as a mistake; it no longer counts anywhere.',
  fields: {
    occurredOn: field.isoDate(),
    bodyId: field.slug(),
    eventId: field.eventId(),
    reason: field.text(500),
  },
  olderVersions: [],
};
