import { ACTIVITY_BASE_FIELDS, Activity, ActivityBase } from '../activity-base';
import { ActivityDefinition } from '../activity-definition';
import { field } from '../field-rule';

/** The youth support station visited an employer to develop placements (職場開拓訪問, ⑤イ). */
export type EmployerVisitMadeData = ActivityBase & {
  readonly employerId: string;
};

export type EmployerVisitMade = Activity<'EmployerVisitMade', EmployerVisitMadeData>;

export const EMPLOYER_VISIT_MADE: ActivityDefinition<'EmployerVisitMade', EmployerVisitMadeData> = {
  type: 'EmployerVisitMade',
  schemaVersion: 1,
  measureId: '5b',
  measureIds: ['5b'],
  description: 'An employer was visited to develop work-experience placements.',
  fields: { ...ACTIVITY_BASE_FIELDS, employerId: field.slug() },
  olderVersions: [],
};
