import { ACTIVITY_BASE_FIELDS, Activity, ActivityBase } from '../activity-base';
import { ActivityDefinition } from '../activity-definition';
import { field } from '../field-rule';

/** A private group (family association, NPO, …) got a subsidy to run a place to belong (⑤ア). */
export type SubsidyGrantedData = ActivityBase & {
  readonly recipientId: string;
  readonly recipientName: string;
  readonly amountYen?: number;
};

export type SubsidyGranted = Activity<'SubsidyGranted', SubsidyGrantedData>;

export const SUBSIDY_GRANTED: ActivityDefinition<'SubsidyGranted', SubsidyGrantedData> = {
  type: 'SubsidyGranted',
  schemaVersion: 1,
  measureId: '5a',
  measureIds: ['5a'],
  description: 'A private group was granted a subsidy for a place to belong.',
  fields: {
    ...ACTIVITY_BASE_FIELDS,
    recipientId: field.slug(),
    recipientName: field.text(200),
    amountYen: field.optional(field.integer(0)),
  },
  olderVersions: [],
};
