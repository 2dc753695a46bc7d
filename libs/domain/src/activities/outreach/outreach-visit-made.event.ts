import { Activity, MUNICIPAL_ACTIVITY_BASE_FIELDS, MunicipalActivityBase } from '../activity-base';
import { ActivityDefinition } from '../activity-definition';
import { field } from '../field-rule';

/** An outreach worker visited a home (③ア); each visit counts, even to the same home. */
export type OutreachVisitMadeData = MunicipalActivityBase & {
  readonly personId?: string;
};

export type OutreachVisitMade = Activity<'OutreachVisitMade', OutreachVisitMadeData>;

export const OUTREACH_VISIT_MADE: ActivityDefinition<'OutreachVisitMade', OutreachVisitMadeData> = {
  type: 'OutreachVisitMade',
  schemaVersion: 1,
  measureId: '3a',
  measureIds: ['3a'],
  description: 'An outreach worker visited a home.',
  fields: { ...MUNICIPAL_ACTIVITY_BASE_FIELDS, personId: field.optional(field.personId()) },
  olderVersions: [],
};
