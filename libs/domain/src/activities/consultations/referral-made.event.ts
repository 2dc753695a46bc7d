import { ACTIVITY_BASE_FIELDS, Activity, ActivityBase } from '../activity-base';
import { ActivityDefinition } from '../activity-definition';
import { field } from '../field-rule';

export const REFERRAL_SUBJECTS = ['person', 'family'] as const;

/** A desk connected someone onward to another body (つなぎ先, ③イ). */
export type ReferralMadeData = ActivityBase & {
  /** Slug of the body referred to, e.g. `mental-health-welfare-center`. */
  readonly referredTo: string;
  /** Whether the person themself or their family was referred. */
  readonly subject: (typeof REFERRAL_SUBJECTS)[number];
  readonly personId?: string;
};

export type ReferralMade = Activity<'ReferralMade', ReferralMadeData>;

export const REFERRAL_MADE: ActivityDefinition<'ReferralMade', ReferralMadeData> = {
  type: 'ReferralMade',
  schemaVersion: 1,
  measureId: '3b',
  measureIds: ['3b'],
  description: 'A person or their family was referred onward to another body.',
  fields: {
    ...ACTIVITY_BASE_FIELDS,
    referredTo: field.slug(),
    subject: field.enum(REFERRAL_SUBJECTS),
    personId: field.optional(field.personId()),
  },
  olderVersions: [],
};
