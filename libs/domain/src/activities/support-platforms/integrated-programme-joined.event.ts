import { fiscalYearOf } from '../../calendar/fiscal-year';
import { Activity, MUNICIPAL_ACTIVITY_BASE_FIELDS, MunicipalActivityBase } from '../activity-base';
import { ActivityDefinition } from '../activity-definition';
import { field } from '../field-rule';

export const INTEGRATED_PROGRAMME_STATUSES = ['joined', 'intending'] as const;

/**
 * A municipality runs the integrated support programme (重層的支援体制整備事業) in a fiscal
 * year (`joined`), or has declared it intends to (`intending`). Recorded once per municipality
 * and programme year, so each year's count is its own set of facts.
 */
export type IntegratedProgrammeJoinedData = MunicipalActivityBase & {
  readonly fiscalYear: number;
  readonly status: (typeof INTEGRATED_PROGRAMME_STATUSES)[number];
};

export type IntegratedProgrammeJoined = Activity<
  'IntegratedProgrammeJoined',
  IntegratedProgrammeJoinedData
>;

export const INTEGRATED_PROGRAMME_JOINED: ActivityDefinition<
  'IntegratedProgrammeJoined',
  IntegratedProgrammeJoinedData
> = {
  type: 'IntegratedProgrammeJoined',
  schemaVersion: 1,
  measureId: '2a',
  measureIds: ['2a'],
  description:
    'A municipality runs, or intends to run, the integrated support programme in a fiscal year.',
  fields: {
    ...MUNICIPAL_ACTIVITY_BASE_FIELDS,
    fiscalYear: field.integer(2000, 2100),
    status: field.enum(INTEGRATED_PROGRAMME_STATUSES),
  },
  olderVersions: [],
  invariants: (data) =>
    data.status === 'intending' && data.fiscalYear <= fiscalYearOf(data.occurredOn)
      ? [
          {
            field: 'fiscalYear',
            reason: 'an intention must be for a fiscal year after the one it is stated in',
          },
        ]
      : [],
};
