import { Activity, MUNICIPAL_ACTIVITY_BASE_FIELDS, MunicipalActivityBase } from '../activity-base';
import { ActivityDefinition } from '../activity-definition';

/** A municipality ran its own fact-finding survey of hikikomori people and families (①). */
export type MunicipalSurveyConductedData = MunicipalActivityBase;

export type MunicipalSurveyConducted = Activity<
  'MunicipalSurveyConducted',
  MunicipalSurveyConductedData
>;

export const MUNICIPAL_SURVEY_CONDUCTED: ActivityDefinition<
  'MunicipalSurveyConducted',
  MunicipalSurveyConductedData
> = {
  type: 'MunicipalSurveyConducted',
  schemaVersion: 1,
  measureId: '1',
  measureIds: ['1'],
  description:
    'A municipality ran its own fact-finding survey of hikikomori people and their families.',
  fields: MUNICIPAL_ACTIVITY_BASE_FIELDS,
  olderVersions: [],
};
