import { ACTIVITY_BASE_FIELDS, Activity, ActivityBase } from '../activity-base';
import { ActivityDefinition } from '../activity-definition';
import { field } from '../field-rule';

export const CONSULTATION_CHANNELS = ['email', 'phone', 'in_person'] as const;

export type ConsultationChannel = (typeof CONSULTATION_CHANNELS)[number];

/** The peer support desk (or another desk) handled one consultation (③イ). */
export type ConsultationHandledData = ActivityBase & {
  readonly channel: ConsultationChannel;
  readonly iceAgeGeneration: boolean;
  readonly personId?: string;
};

export type ConsultationHandled = Activity<'ConsultationHandled', ConsultationHandledData>;

const V1_FIELDS = {
  ...ACTIVITY_BASE_FIELDS,
  iceAgeGeneration: field.boolean(),
  personId: field.optional(field.personId()),
};

export const CONSULTATION_HANDLED: ActivityDefinition<
  'ConsultationHandled',
  ConsultationHandledData
> = {
  type: 'ConsultationHandled',
  schemaVersion: 2,
  measureId: '3b',
  measureIds: ['3b'],
  description: 'A consultation was handled, by e-mail, phone or in person.',
  fields: { ...V1_FIELDS, channel: field.enum(CONSULTATION_CHANNELS) },
  olderVersions: [
    {
      schemaVersion: 1,
      fields: V1_FIELDS,
      // v1 predates the channel; the desk then only took walk-in consultations.
      upcast: (data) => ({ ...data, channel: 'in_person' }),
    },
  ],
};
