import { Grouping } from '../places/grouping';
import { DEFAULT_GRADING_BANDS, GradingBand } from './achievement';
import { BodyRegistered, KpiDefined, KpiTargetSet, MeasureDefined, PlanEvent } from './plan-event';

export type Measure = MeasureDefined['data'];
export type Kpi = KpiDefined['data'];
export type KpiTarget = KpiTargetSet['data'];
export type Body = BodyRegistered['data'];

export interface PlanState {
  readonly measures: Readonly<Record<string, Measure>>;
  readonly kpis: Readonly<Record<string, Kpi>>;
  /** At most one target per KPI and period: setting it again revises it. */
  readonly targets: readonly KpiTarget[];
  /** Ordered by the fiscal year they take effect. */
  readonly gradingBands: readonly {
    readonly effectiveFromFiscalYear: number;
    readonly bands: readonly GradingBand[];
  }[];
  readonly bodies: Readonly<Record<string, Body>>;
  readonly groupings: Readonly<Record<string, Grouping>>;
}

export function emptyPlan(): PlanState {
  return { measures: {}, kpis: {}, targets: [], gradingBands: [], bodies: {}, groupings: {} };
}

export function evolvePlan(state: PlanState, event: PlanEvent): PlanState {
  switch (event.type) {
    case 'MeasureDefined':
      return { ...state, measures: { ...state.measures, [event.data.measureId]: event.data } };
    case 'KpiDefined':
      return { ...state, kpis: { ...state.kpis, [event.data.kpiId]: event.data } };
    case 'KpiTargetSet':
      return {
        ...state,
        targets: [...state.targets.filter((target) => !samePeriod(target, event.data)), event.data],
      };
    case 'GradingBandsSet':
      return {
        ...state,
        gradingBands: [
          ...state.gradingBands.filter(
            (b) => b.effectiveFromFiscalYear !== event.data.effectiveFromFiscalYear,
          ),
          event.data,
        ].sort((a, b) => a.effectiveFromFiscalYear - b.effectiveFromFiscalYear),
      };
    case 'BodyRegistered':
      return { ...state, bodies: { ...state.bodies, [event.data.bodyId]: event.data } };
    case 'GroupingDefined':
      return { ...state, groupings: { ...state.groupings, [event.data.groupingId]: event.data } };
    default: {
      const unreachable: never = event;
      throw new Error(`unhandled plan event ${JSON.stringify(unreachable)}`);
    }
  }
}

export function planFrom(events: readonly PlanEvent[]): PlanState {
  return events.reduce(evolvePlan, emptyPlan());
}

function samePeriod(a: KpiTarget, b: KpiTarget): boolean {
  if (a.kpiId !== b.kpiId || a.kind !== b.kind) return false;
  if (a.kind === 'annual' && b.kind === 'annual') return a.fiscalYear === b.fiscalYear;
  if (a.kind === 'cumulative' && b.kind === 'cumulative') {
    return a.fromFiscalYear === b.fromFiscalYear && a.toFiscalYear === b.toFiscalYear;
  }
  return false;
}

/** The KPI's target for one fiscal year, if the plan sets one. */
export function annualTargetOf(
  plan: PlanState,
  kpiId: string,
  fiscalYear: number,
): number | undefined {
  return plan.targets.find(
    (t) => t.kpiId === kpiId && t.kind === 'annual' && t.fiscalYear === fiscalYear,
  )?.value;
}

/** The KPI's multi-year goal covering `fiscalYear`, with its period. */
export function cumulativeTargetOf(
  plan: PlanState,
  kpiId: string,
  fiscalYear: number,
): Extract<KpiTarget, { kind: 'cumulative' }> | undefined {
  return plan.targets.find(
    (t): t is Extract<KpiTarget, { kind: 'cumulative' }> =>
      t.kpiId === kpiId &&
      t.kind === 'cumulative' &&
      t.fromFiscalYear <= fiscalYear &&
      fiscalYear <= t.toFiscalYear,
  );
}

/** Bands in force for a fiscal year: the latest revision taking effect by then, else the default. */
export function gradingBandsFor(plan: PlanState, fiscalYear: number): readonly GradingBand[] {
  const inForce = plan.gradingBands.filter((b) => b.effectiveFromFiscalYear <= fiscalYear);
  return inForce.length > 0 ? inForce[inForce.length - 1].bands : DEFAULT_GRADING_BANDS;
}
