import { DEFAULT_GRADING_BANDS } from './achievement';
import { initialPlanEvents } from './kochi-fy2023-plan';
import { MEASURE_IDS } from './measure-id';
import { PlanEvent } from './plan-event';
import {
  annualTargetOf,
  cumulativeTargetOf,
  emptyPlan,
  evolvePlan,
  gradingBandsFor,
  planFrom,
} from './plan-state';

describe('the FY2023 plan', () => {
  const plan = planFrom(initialPlanEvents());

  it('defines every measure, with ③イ and ⑤イ grant-funded', () => {
    expect(Object.keys(plan.measures).sort()).toEqual([...MEASURE_IDS].sort());
    expect(
      Object.values(plan.measures)
        .filter((m) => m.grantFunded)
        .map((m) => m.numbering),
    ).toEqual(['③イ', '⑤イ']);
  });

  it('defines both KPIs with their goals and FY2023 targets', () => {
    expect(plan.kpis.KPI1).toMatchObject({
      metricId: 'kpi1-ice-age-social-participation',
      measureIds: ['4', '5b'],
    });
    expect(annualTargetOf(plan, 'KPI1', 2023)).toBe(22);
    expect(cumulativeTargetOf(plan, 'KPI1', 2023)).toEqual({
      kpiId: 'KPI1',
      kind: 'cumulative',
      fromFiscalYear: 2020,
      toFiscalYear: 2024,
      value: 54,
    });
    expect(annualTargetOf(plan, 'KPI2', 2023)).toBe(100);
    expect(annualTargetOf(plan, 'KPI2', 2024)).toBeUndefined();
  });

  it('only names registered bodies as implementers', () => {
    for (const measure of Object.values(plan.measures)) {
      for (const bodyId of measure.implementingBodyIds)
        expect(Object.keys(plan.bodies)).toContain(bodyId);
    }
  });

  it('holds the groupings as data', () => {
    expect(Object.keys(plan.groupings)).toEqual(['welfare-office-areas', 'support-center-blocks']);
    expect(plan.groupings['support-center-blocks'].members.map((m) => m.memberId)).toEqual([
      'east',
      'central',
      'west',
    ]);
  });

  it('is deterministic', () => {
    expect(initialPlanEvents()).toEqual(initialPlanEvents());
  });
});

describe('evolvePlan', () => {
  it('revises a target set again for the same period, keeping other periods', () => {
    const events: PlanEvent[] = [
      {
        type: 'KpiTargetSet',
        data: { kpiId: 'KPI1', kind: 'annual', fiscalYear: 2023, value: 22 },
      },
      {
        type: 'KpiTargetSet',
        data: { kpiId: 'KPI1', kind: 'annual', fiscalYear: 2024, value: 16 },
      },
      {
        type: 'KpiTargetSet',
        data: { kpiId: 'KPI1', kind: 'annual', fiscalYear: 2023, value: 20 },
      },
    ];
    const plan = events.reduce(evolvePlan, emptyPlan());
    expect(annualTargetOf(plan, 'KPI1', 2023)).toBe(20);
    expect(annualTargetOf(plan, 'KPI1', 2024)).toBe(16);
    expect(plan.targets).toHaveLength(2);
  });

  it('applies the grading bands in force for the year, defaulting before any are set', () => {
    const stricter = [
      { grade: 'A', minRate: 1.1 },
      { grade: 'B', minRate: 0.8 },
      { grade: 'C', minRate: 0.5 },
      { grade: 'D', minRate: 0 },
    ];
    const plan = evolvePlan(emptyPlan(), {
      type: 'GradingBandsSet',
      data: { effectiveFromFiscalYear: 2024, bands: stricter },
    });
    expect(gradingBandsFor(plan, 2023)).toBe(DEFAULT_GRADING_BANDS);
    expect(gradingBandsFor(plan, 2025)).toBe(stricter);
  });
});
