import { ACTIVITY_BASE_FIELDS, Activity, ActivityBase } from '../activity-base';
import { ActivityDefinition } from '../activity-definition';
import { field } from '../field-rule';

/** A person started work experience at a work-experience base (就労体験拠点, ⑤イ); feeds KPI①. */
export type WorkExperienceJoinedData = ActivityBase & {
  readonly personId: string;
  readonly baseId: string;
  /** Recorded by the base, so no birth date is ever stored. */
  readonly iceAgeGeneration: boolean;
};

export type WorkExperienceJoined = Activity<'WorkExperienceJoined', WorkExperienceJoinedData>;

export const WORK_EXPERIENCE_JOINED: ActivityDefinition<
  'WorkExperienceJoined',
  WorkExperienceJoinedData
> = {
  type: 'WorkExperienceJoined',
  schemaVersion: 1,
  measureId: '5b',
  measureIds: ['5b'],
  description: 'A person joined work experience at a work-experience base.',
  fields: {
    ...ACTIVITY_BASE_FIELDS,
    personId: field.personId(),
    baseId: field.slug(),
    iceAgeGeneration: field.boolean(),
  },
  olderVersions: [],
};
