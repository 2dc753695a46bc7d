import { Activity, MUNICIPAL_ACTIVITY_BASE_FIELDS, MunicipalActivityBase } from '../activity-base';
import { ActivityDefinition } from '../activity-definition';

/** A community-support adviser (地域共生社会推進アドバイザー) was sent at a municipality's request. */
export type AdviserDispatchedData = MunicipalActivityBase;

export type AdviserDispatched = Activity<'AdviserDispatched', AdviserDispatchedData>;

export const ADVISER_DISPATCHED: ActivityDefinition<'AdviserDispatched', AdviserDispatchedData> = {
  type: 'AdviserDispatched',
  schemaVersion: 1,
  measureId: '2a',
  measureIds: ['2a'],
  description: 'A community-support adviser was dispatched to a municipality at its request.',
  fields: MUNICIPAL_ACTIVITY_BASE_FIELDS,
  olderVersions: [],
};
