import { ACTIVITY_BASE_FIELDS, Activity, ActivityBase } from '../activity-base';
import { ActivityDefinition } from '../activity-definition';
import { field } from '../field-rule';

export const EMPLOYMENT_INDUSTRIES = [
  'agriculture',
  'fisheries',
  'wholesale',
  'care',
  'sales',
  'security-services',
  'tourism',
  'manufacturing',
  'other',
] as const;

/** A work-experience participant moved into ordinary employment (一般就労, ⑤イ). */
export type EmploymentStartedData = ActivityBase & {
  readonly personId: string;
  readonly iceAgeGeneration: boolean;
  readonly industry: (typeof EMPLOYMENT_INDUSTRIES)[number];
  readonly baseId?: string;
};

export type EmploymentStarted = Activity<'EmploymentStarted', EmploymentStartedData>;

export const EMPLOYMENT_STARTED: ActivityDefinition<'EmploymentStarted', EmploymentStartedData> = {
  type: 'EmploymentStarted',
  schemaVersion: 1,
  measureId: '5b',
  measureIds: ['5b'],
  description: 'A work-experience participant started ordinary employment.',
  fields: {
    ...ACTIVITY_BASE_FIELDS,
    personId: field.personId(),
    iceAgeGeneration: field.boolean(),
    industry: field.enum(EMPLOYMENT_INDUSTRIES),
    baseId: field.optional(field.slug()),
  },
  olderVersions: [],
};
