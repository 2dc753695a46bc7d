import { ACTIVITY_BASE_FIELDS, Activity, ActivityBase } from '../activity-base';
import { ActivityDefinition } from '../activity-definition';
import { field } from '../field-rule';

export const ORGANIZATION_KINDS = [
  'district-welfare-commissioner-council',
  'company-or-organisation',
  'municipality',
  'social-welfare-council',
  'prefecture',
] as const;

/** An organisation joined the joint declaration for community inclusion (共同宣言, ②イ). */
export type DeclarationSignedData = ActivityBase & {
  readonly organizationId: string;
  /** An organisation's public name; never a private person's. */
  readonly organizationName: string;
  readonly organizationKind: (typeof ORGANIZATION_KINDS)[number];
  /** Signed on stage at the Festa rather than later. */
  readonly signedAtFesta?: boolean;
};

export type DeclarationSigned = Activity<'DeclarationSigned', DeclarationSignedData>;

export const DECLARATION_SIGNED: ActivityDefinition<'DeclarationSigned', DeclarationSignedData> = {
  type: 'DeclarationSigned',
  schemaVersion: 1,
  measureId: '2b',
  measureIds: ['2b'],
  description: 'An organisation joined the joint declaration for community inclusion.',
  fields: {
    ...ACTIVITY_BASE_FIELDS,
    organizationId: field.slug(),
    organizationName: field.text(200),
    organizationKind: field.enum(ORGANIZATION_KINDS),
    signedAtFesta: field.optional(field.boolean()),
  },
  olderVersions: [],
};
