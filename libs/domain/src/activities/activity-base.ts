import { IsoDate } from '../calendar/iso-date';
import { MunicipalityCode } from '../places/municipality';
import { field } from './field-rule';

/** What every activity records, whatever happened. */
export type ActivityBase = {
  /** When it happened, as a date in Japan time. */
  readonly occurredOn: IsoDate;
  /** Slug of the body that recorded it, e.g. `peer-support-center`. */
  readonly bodyId: string;
  readonly municipalityCode?: MunicipalityCode;
  /** Id of an earlier event this one corrects: the earlier one drops out of every figure. */
  readonly supersedes?: string;
};

/** For activities that only make sense in one municipality. */
export type MunicipalActivityBase = Omit<ActivityBase, 'municipalityCode'> & {
  readonly municipalityCode: MunicipalityCode;
};

export const ACTIVITY_BASE_FIELDS = {
  occurredOn: field.isoDate(),
  bodyId: field.slug(),
  municipalityCode: field.optional(field.municipalityCode()),
  supersedes: field.optional(field.eventId()),
};

export const MUNICIPAL_ACTIVITY_BASE_FIELDS = {
  ...ACTIVITY_BASE_FIELDS,
  municipalityCode: field.municipalityCode(),
};

/** An activity event as held in memory: a literal type and its data at the current version. */
export type Activity<Type extends string, Data> = {
  readonly type: Type;
  readonly data: Data;
};
