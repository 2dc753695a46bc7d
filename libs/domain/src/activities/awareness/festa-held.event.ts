import { ACTIVITY_BASE_FIELDS, Activity, ActivityBase } from '../activity-base';
import { ActivityDefinition } from '../activity-definition';
import { field } from '../field-rule';

/** The awareness event 高知家地域共生社会フェスタ took place (②イ). */
export type FestaHeldData = ActivityBase & {
  readonly title: string;
  /** Attendance as counted by the organisers (延べ: a person attending twice counts twice). */
  readonly participants: number;
};

export type FestaHeld = Activity<'FestaHeld', FestaHeldData>;

export const FESTA_HELD: ActivityDefinition<'FestaHeld', FestaHeldData> = {
  type: 'FestaHeld',
  schemaVersion: 1,
  measureId: '2b',
  measureIds: ['2b'],
  description: 'The community-inclusion Festa took place, with its total attendance.',
  fields: { ...ACTIVITY_BASE_FIELDS, title: field.text(200), participants: field.integer(0) },
  olderVersions: [],
};
