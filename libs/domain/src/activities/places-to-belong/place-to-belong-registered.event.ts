import { Activity, MUNICIPAL_ACTIVITY_BASE_FIELDS, MunicipalActivityBase } from '../activity-base';
import { ActivityDefinition } from '../activity-definition';
import { field } from '../field-rule';

export const PLACE_OFFERS = ['place', 'work-experience'] as const;

/**
 * A site (e.g. an あったかふれあいセンター) was found to offer a place to belong or work
 * experience to hikikomori people (⑤ア). A site offering both is registered once per offer.
 */
export type PlaceToBelongRegisteredData = MunicipalActivityBase & {
  readonly placeId: string;
  readonly placeName: string;
  readonly offers: (typeof PLACE_OFFERS)[number];
};

export type PlaceToBelongRegistered = Activity<
  'PlaceToBelongRegistered',
  PlaceToBelongRegisteredData
>;

export const PLACE_TO_BELONG_REGISTERED: ActivityDefinition<
  'PlaceToBelongRegistered',
  PlaceToBelongRegisteredData
> = {
  type: 'PlaceToBelongRegistered',
  schemaVersion: 1,
  measureId: '5a',
  measureIds: ['5a'],
  description: 'A community site was registered as offering a place to belong or work experience.',
  fields: {
    ...MUNICIPAL_ACTIVITY_BASE_FIELDS,
    placeId: field.slug(),
    placeName: field.text(200),
    offers: field.enum(PLACE_OFFERS),
  },
  olderVersions: [],
};
