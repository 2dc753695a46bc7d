import { Activity, MUNICIPAL_ACTIVITY_BASE_FIELDS, MunicipalActivityBase } from '../activity-base';
import { ActivityDefinition } from '../activity-definition';
import { field } from '../field-rule';

export const OUTREACH_CONTACT_PARTIES = ['person', 'family'] as const;

/** An outreach worker reached the person themself, or a family member (③ア). */
export type OutreachContactMadeData = MunicipalActivityBase & {
  readonly with: (typeof OUTREACH_CONTACT_PARTIES)[number];
  /** The person supported (also when the contact was with their family). */
  readonly personId?: string;
};

export type OutreachContactMade = Activity<'OutreachContactMade', OutreachContactMadeData>;

export const OUTREACH_CONTACT_MADE: ActivityDefinition<
  'OutreachContactMade',
  OutreachContactMadeData
> = {
  type: 'OutreachContactMade',
  schemaVersion: 1,
  measureId: '3a',
  measureIds: ['3a'],
  description: 'An outreach worker made contact with the person or with their family.',
  fields: {
    ...MUNICIPAL_ACTIVITY_BASE_FIELDS,
    with: field.enum(OUTREACH_CONTACT_PARTIES),
    personId: field.optional(field.personId()),
  },
  olderVersions: [],
};
