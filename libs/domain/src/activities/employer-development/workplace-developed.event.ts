import { ACTIVITY_BASE_FIELDS, Activity, ActivityBase } from '../activity-base';
import { ActivityDefinition } from '../activity-definition';
import { field } from '../field-rule';

/** An employer agreed to take people for workplace experience (職場開拓, ⑤イ). */
export type WorkplaceDevelopedData = ActivityBase & {
  readonly employerId: string;
};

export type WorkplaceDeveloped = Activity<'WorkplaceDeveloped', WorkplaceDevelopedData>;

export const WORKPLACE_DEVELOPED: ActivityDefinition<'WorkplaceDeveloped', WorkplaceDevelopedData> =
  {
    type: 'WorkplaceDeveloped',
    schemaVersion: 1,
    measureId: '5b',
    measureIds: ['5b'],
    description: 'An employer agreed to offer workplace experience.',
    fields: { ...ACTIVITY_BASE_FIELDS, employerId: field.slug() },
    olderVersions: [],
  };
