import { GroupingMember } from '../places/grouping';
import { GradingBand } from './achievement';
import { MeasureId } from './measure-id';

/** The plan is itself event-sourced, in one stream, so every revision of it is auditable. */
export const PLAN_STREAM = 'plan-kochi-social-participation';

export const PLAN_EVENT_SCHEMA_VERSION = 1;

type PlanEventOf<Type extends string, Data> = { readonly type: Type; readonly data: Data };

export type MeasureDefined = PlanEventOf<
  'MeasureDefined',
  {
    readonly measureId: MeasureId;
    /** As the report numbers it, e.g. `②イ`. */
    readonly numbering: string;
    readonly title: string;
    readonly description: string;
    /** Slugs of the bodies in the 実施機関及び関係機関 column. */
    readonly implementingBodyIds: readonly string[];
    /** ＊交付金事業: paid by a national grant. */
    readonly grantFunded: boolean;
  }
>;

export type KpiDefined = PlanEventOf<
  'KpiDefined',
  {
    /** `KPI1`, `KPI2`, … */
    readonly kpiId: string;
    /** As the report numbers it, e.g. `①`. */
    readonly numbering: string;
    readonly definition: string;
    /** The metric the KPI's actual is computed from: KPIs are never typed in. */
    readonly metricId: string;
    /** Measures the report shows the KPI under (KPI① under ④ and, repeated, ⑤イ). */
    readonly measureIds: readonly MeasureId[];
    readonly unit: string;
  }
>;

export type KpiTargetPeriod =
  | { readonly kind: 'annual'; readonly fiscalYear: number }
  | { readonly kind: 'cumulative'; readonly fromFiscalYear: number; readonly toFiscalYear: number };

export type KpiTargetSet = PlanEventOf<
  'KpiTargetSet',
  { readonly kpiId: string; readonly value: number } & KpiTargetPeriod
>;

export type GradingBandsSet = PlanEventOf<
  'GradingBandsSet',
  { readonly effectiveFromFiscalYear: number; readonly bands: readonly GradingBand[] }
>;

export type BodyRegistered = PlanEventOf<
  'BodyRegistered',
  { readonly bodyId: string; readonly name: string; readonly nameEn: string }
>;

export type GroupingDefined = PlanEventOf<
  'GroupingDefined',
  {
    readonly groupingId: string;
    readonly name: string;
    readonly members: readonly GroupingMember[];
  }
>;

export type PlanEvent =
  MeasureDefined | KpiDefined | KpiTargetSet | GradingBandsSet | BodyRegistered | GroupingDefined;

export type PlanEventType = PlanEvent['type'];
