import {
  MetricDefinition,
  PlanState,
  achievementRate,
  annualTargetOf,
  emptyPlan,
  gradeFor,
  gradingBandsFor,
} from '@ledger/domain';
import { SqlRunner } from '../persistence/audit-database';
import { AppliedCut, AsOf } from './as-of';
import { ResolvedCut, resolveCut } from './as-of-cut';
import { liveFactsAt } from './live-facts.sql';

export interface AsOfFigure {
  metricId: string;
  measureId: string;
  label: string;
  unit: string;
  value: number;
}

/** The builds of the read models an answer came from. */
export interface AnsweredBy {
  reporting: string;
  timeline: string;
}

export interface AsOfFigures {
  fiscalYear: number;
  cut: AppliedCut;
  answeredBy: AnsweredBy;
  figures: AsOfFigure[];
}

export interface AsOfKpi {
  kpiId: string;
  numbering: string;
  metricId: string;
  unit: string;
  /** The annual target in the plan as it stood at the cut. */
  target: number | null;
  value: number;
  /** value ÷ target (1 = 100%); null without a positive target. */
  achievementRate: number | null;
  /** By the grading bands in the plan as it stood at the cut. */
  grade: string | null;
}

export interface AsOfKpis {
  fiscalYear: number;
  cut: AppliedCut;
  answeredBy: AnsweredBy;
  kpis: AsOfKpi[];
}

export class UnknownMetricError extends Error {
  readonly code = 'unknown-metric';
  constructor(readonly metricId: string) {
    super(`No metric is defined with id ${metricId}`);
  }
}

/**
 * Figures as known at an instant and as happened by a date, from read models, never by
 * replaying. Whole-year figures are one index lookup per metric in the metric timeline;
 * figures up to a date within the year are one scan of the year's bitemporal facts of the
 * metrics' event types, every metric an aggregate with its own FILTER.
 */
export class AsOfFiguresReader {
  private readonly byId: ReadonlyMap<string, MetricDefinition>;

  constructor(
    private readonly database: SqlRunner,
    private readonly metrics: readonly MetricDefinition[],
  ) {
    this.byId = new Map(metrics.map((metric) => [metric.id, metric]));
  }

  async figures(
    fiscalYear: number,
    asOf: AsOf,
    metricIds?: readonly string[],
    resolved?: ResolvedCut,
  ): Promise<AsOfFigures> {
    const cut = resolved ?? (await resolveCut(this.database, asOf));
    const chosen = metricIds ? metricIds.map((id) => this.metric(id)) : this.metrics;
    const wholeYear = asOf.occurredBy === undefined || asOf.occurredBy >= `${fiscalYear + 1}-03-31`;
    const values = wholeYear
      ? await this.timelineValues(fiscalYear, cut, chosen)
      : await this.factValues(fiscalYear, asOf, cut, chosen);
    return {
      fiscalYear,
      cut: appliedCut(asOf, cut.throughPosition),
      answeredBy: { reporting: cut.reporting.version, timeline: cut.timeline.version },
      figures: chosen.map((metric, i) => ({
        metricId: metric.id,
        measureId: metric.measureId,
        label: metric.label,
        unit: metric.unit,
        value: values[i],
      })),
    };
  }

  /** The KPIs, targets and grades of the plan as it stood at the cut; the actuals as of the cut. */
  async kpis(fiscalYear: number, asOf: AsOf): Promise<AsOfKpis> {
    const cut = await resolveCut(this.database, asOf);
    const plan = (await this.planAt(cut)) ?? emptyPlan();
    const kpis = Object.values(plan.kpis).sort((a, b) => a.kpiId.localeCompare(b.kpiId));
    const figures = await this.figures(
      fiscalYear,
      asOf,
      kpis.map((kpi) => kpi.metricId),
      cut,
    );
    const bands = gradingBandsFor(plan, fiscalYear);
    return {
      fiscalYear,
      cut: figures.cut,
      answeredBy: figures.answeredBy,
      kpis: kpis.map((kpi, i) => {
        const target = annualTargetOf(plan, kpi.kpiId, fiscalYear) ?? null;
        const value = figures.figures[i].value;
        const rate = target === null ? null : achievementRate(value, target);
        return {
          kpiId: kpi.kpiId,
          numbering: kpi.numbering,
          metricId: kpi.metricId,
          unit: kpi.unit,
          target,
          value,
          achievementRate: rate,
          grade: rate === null ? null : gradeFor(rate, bands),
        };
      }),
    };
  }

  /**
   * A KPI id names its metric in the plan as it stood at the cut, or, for a KPI the plan
   * came to hold only later, in the latest plan (its trail at the cut is then that metric's
   * as it stood); anything else is taken as a metric id.
   */
  async metricIdOf(id: string, asOf: AsOf): Promise<string> {
    const cut = await resolveCut(this.database, asOf);
    const atCut = (await this.planAt(cut))?.kpis[id]?.metricId;
    if (atCut !== undefined) return atCut;
    if (this.byId.has(id)) return id;
    const later = (await this.planAt(cut, Number.MAX_SAFE_INTEGER))?.kpis[id]?.metricId;
    return later ?? this.metric(id).id;
  }

  /**
   * The plan as it stood at the cut: the build's latest state reached at or before the
   * cut's position (or `through`); none when the plan was not recorded by then.
   */
  private async planAt(
    cut: ResolvedCut,
    through = cut.throughPosition,
  ): Promise<PlanState | undefined> {
    const [row] = await this.database.query<{ plan: PlanState }>(
      `SELECT plan FROM plan_snapshots WHERE projection_version = $1 AND position <= $2
        ORDER BY position DESC LIMIT 1`,
      [cut.reporting.version, through],
    );
    return row?.plan;
  }

  metric(id: string): MetricDefinition {
    const metric = this.byId.get(id);
    if (!metric) throw new UnknownMetricError(id);
    return metric;
  }

  private async timelineValues(
    fiscalYear: number,
    cut: ResolvedCut,
    metrics: readonly MetricDefinition[],
  ): Promise<number[]> {
    if (metrics.length === 0) return [];
    const rows = await this.database.query<{ metric_id: string; value: string | null }>(
      `SELECT k.metric_id, (
          SELECT value FROM audit_timeline_values t
           WHERE t.projection_version = $1 AND t.metric_id = k.metric_id AND t.fiscal_year = $2 AND t.position <= $3
           ORDER BY t.position DESC LIMIT 1) AS value
         FROM unnest($4::text[]) AS k(metric_id)`,
      [cut.timeline.version, fiscalYear, cut.throughPosition, metrics.map((metric) => metric.id)],
    );
    const values = new Map(rows.map((row) => [row.metric_id, Number(row.value ?? 0)]));
    return metrics.map((metric) => values.get(metric.id) ?? 0);
  }

  private async factValues(
    fiscalYear: number,
    asOf: AsOf,
    cut: ResolvedCut,
    metrics: readonly MetricDefinition[],
  ): Promise<number[]> {
    if (metrics.length === 0) return [];
    const live = liveFactsAt(asOf, cut.throughPosition, 4);
    const parameters: unknown[] = [
      cut.reporting.version,
      fiscalYear,
      [...new Set(metrics.flatMap((m) => m.eventTypes))],
      ...live.parameters,
    ];
    const columns = metrics.map((metric, i) => `${aggregateOf(metric, parameters)} AS m${i}`);
    const [row] = await this.database.query<Record<string, string>>(
      `SELECT ${columns.join(', ')} FROM activity_facts f
        WHERE f.projection_version = $1 AND f.fiscal_year = $2 AND f.type = ANY($3::text[]) AND ${live.where}`,
      parameters,
    );
    return metrics.map((_, i) => Number(row[`m${i}`]));
  }
}

/**
 * The metric's aggregate over the facts it counts, as the domain's reference evaluator
 * defines it: sums take numbers only; distinct counts take every present value.
 */
function aggregateOf(metric: MetricDefinition, parameters: unknown[]): string {
  const bind = (value: unknown) => {
    parameters.push(value);
    return `$${parameters.length}`;
  };
  let counted = `f.type = ANY(${bind(metric.eventTypes)}::text[])`;
  if (metric.filter && Object.keys(metric.filter).length > 0)
    counted += ` AND f.data @> ${bind(JSON.stringify(metric.filter))}::jsonb`;
  const spec = metric.aggregate;
  switch (spec.kind) {
    case 'count':
      return `count(*) FILTER (WHERE ${counted})`;
    case 'sum': {
      const field = bind(spec.field);
      return `coalesce(sum((f.data->>${field})::numeric) FILTER (WHERE ${counted} AND jsonb_typeof(f.data->${field}) = 'number'), 0)`;
    }
    case 'countDistinct': {
      const field = bind(spec.field);
      return `count(DISTINCT f.data->${field}) FILTER (WHERE ${counted} AND f.data ? ${field})`;
    }
    default: {
      const unreachable: never = spec;
      throw new Error(`Unknown aggregate ${JSON.stringify(unreachable)}`);
    }
  }
}

export function appliedCut(asOf: AsOf, throughPosition: number): AppliedCut {
  return {
    knownAt: asOf.knownAt?.toISOString() ?? null,
    occurredBy: asOf.occurredBy ?? null,
    throughPosition,
  };
}
