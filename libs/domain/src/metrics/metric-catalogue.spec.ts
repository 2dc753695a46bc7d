import { definitionOf, isActivityType } from '../activities/activity-catalogue';
import { checkField } from '../activities/field-rule';
import { initialPlanEvents } from '../plan/kochi-fy2023-plan';
import { isMeasureId } from '../plan/measure-id';
import { planFrom } from '../plan/plan-state';
import { METRICS, metricById } from './metric-catalogue';

describe('metric catalogue', () => {
  it('gives every metric a unique id and a known measure', () => {
    expect(new Set(METRICS.map((m) => m.id)).size).toBe(METRICS.length);
    expect(METRICS.filter((m) => !isMeasureId(m.measureId))).toEqual([]);
  });

  it.each(METRICS.map((m) => [m.id, m] as const))(
    '%s only reads fields its event types have, with values they allow',
    (_, metric) => {
      for (const type of metric.eventTypes) {
        expect(isActivityType(type)).toBe(true);
        if (!isActivityType(type)) continue;
        const { fields } = definitionOf(type);
        for (const [name, value] of Object.entries(metric.filter ?? {})) {
          expect(checkField(value, fields[name])).toBeNull();
        }
        if (metric.aggregate.kind !== 'count')
          expect(Object.keys(fields)).toContain(metric.aggregate.field);
      }
    },
  );

  it('computes each KPI of the plan from a declared metric', () => {
    const plan = planFrom(initialPlanEvents());
    expect(Object.values(plan.kpis).map((kpi) => metricById(kpi.metricId).aggregate)).toEqual([
      { kind: 'countDistinct', field: 'personId' },
      { kind: 'count' },
    ]);
    expect(metricById('kpi1-ice-age-social-participation').filter).toEqual({
      iceAgeGeneration: true,
    });
    expect(metricById('kpi2-festa-ice-age-learned-of-desk').filter).toEqual({
      iceAgeGeneration: true,
      learnedOfConsultationDesk: true,
    });
  });
});
