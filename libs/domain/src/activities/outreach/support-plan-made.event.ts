import { Activity, MUNICIPAL_ACTIVITY_BASE_FIELDS, MunicipalActivityBase } from '../activity-base';
import { ActivityDefinition } from '../activity-definition';
import { field } from '../field-rule';

/** A support plan (支援プラン) was drawn up for a person reached by outreach (③ア). */
export type SupportPlanMadeData = MunicipalActivityBase & {
  readonly personId: string;
};

export type SupportPlanMade = Activity<'SupportPlanMade', SupportPlanMadeData>;

export const SUPPORT_PLAN_MADE: ActivityDefinition<'SupportPlanMade', SupportPlanMadeData> = {
  type: 'SupportPlanMade',
  schemaVersion: 1,
  measureId: '3a',
  measureIds: ['3a'],
  description: 'A support plan was made for a person reached by outreach.',
  fields: { ...MUNICIPAL_ACTIVITY_BASE_FIELDS, personId: field.personId() },
  olderVersions: [],
};
