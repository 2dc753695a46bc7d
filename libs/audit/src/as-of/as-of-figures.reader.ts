import { MetricDefinition, PlanState, annualTargetOf } from '@ledger/domain';
import { SqlRunner } from '../persistence/audit-database';
import { AppliedCut, AsOf } from './as-of';
import { liveFactsAt } from './live-facts.sql';
import { ReportingBuild, activeReportingBuild } from './reporting-build';

export interface AsOfFigure {
  metricId: string;
  measureId: string;
  label: string;
  unit: string;
  value: number;
}

export interface AsOfFigures {
  fiscalYear: number;
  cut: AppliedCut;
  projectionVersion: string;
  figures: AsOfFigure[];
}

export interface AsOfKpi {
  kpiId: string;
  numbering: string;
  metricId: string;
  unit: string;
  target: number | null;
  value: number;
}

export interface AsOfKpis {
  fiscalYear: number;
  cut: AppliedCut;
  projectionVersion: string;
  kpis: AsOfKpi[];
}

export class UnknownMetricError extends Error {
  readonly code = 'unknown-metric';
  constructor(readonly metricId: string) {
    super(`No metric is defined with id ${metricId}`);
  }
}

/**
 * Figures as known at an instant and as happened by a date, straight from the reporting
 * projection's bitemporal facts: one scan of the fiscal year's facts of the metrics' event
 * types, every metric an aggregate with its own FILTER. Nothing is replayed.
 */
export class AsOfFiguresReader {
  private readonly byId: ReadonlyMap<string, MetricDefinition>;

  constructor(
    private readonly database: SqlRunner,
    private readonly metrics: readonly MetricDefinition[],
  ) {
    this.byId = new Map(metrics.map((metric) => [metric.id, metric]));
  }

  async figures(fiscalYear: number, asOf: AsOf, metricIds?: readonly string[], build?: ReportingBuild): Promise<AsOfFigures> {
    const active = build ?? (await activeReportingBuild(this.database));
    const chosen = metricIds ? metricIds.map((id) => this.metric(id)) : this.metrics;
    const throughPosition = Math.min(asOf.throughPosition ?? Number.MAX_SAFE_INTEGER, active.position);
    const values = await this.values(fiscalYear, asOf, throughPosition, active.version, chosen);
    return {
      fiscalYear,
      cut: appliedCut(asOf, throughPosition),
      projectionVersion: active.version,
      figures: chosen.map((metric, i) => ({
        metricId: metric.id,
        measureId: metric.measureId,
        label: metric.label,
        unit: metric.unit,
        value: values[i],
      })),
    };
  }

  /** The plan's KPIs with their annual targets; the actuals as of the cut. */
  async kpis(fiscalYear: number, asOf: AsOf): Promise<AsOfKpis> {
    const build = await activeReportingBuild(this.database);
    const [row] = await this.database.query<{ plan: PlanState }>(
      'SELECT plan FROM plan_snapshots WHERE projection_version = $1',
      [build.version],
    );
    const kpis = Object.values(row?.plan.kpis ?? {}).sort((a, b) => a.kpiId.localeCompare(b.kpiId));
    const figures = await this.figures(fiscalYear, asOf, kpis.map((kpi) => kpi.metricId), build);
    return {
      fiscalYear,
      cut: figures.cut,
      projectionVersion: build.version,
      kpis: kpis.map((kpi, i) => ({
        kpiId: kpi.kpiId,
        numbering: kpi.numbering,
        metricId: kpi.metricId,
        unit: kpi.unit,
        target: row ? (annualTargetOf(row.plan, kpi.kpiId, fiscalYear) ?? null) : null,
        value: figures.figures[i].value,
      })),
    };
  }

  metric(id: string): MetricDefinition {
    const metric = this.byId.get(id);
    if (!metric) throw new UnknownMetricError(id);
    return metric;
  }

  private async values(
    fiscalYear: number,
    asOf: AsOf,
    throughPosition: number,
    version: string,
    metrics: readonly MetricDefinition[],
  ): Promise<number[]> {
    if (metrics.length === 0) return [];
    const live = liveFactsAt(asOf, throughPosition, 4);
    const parameters: unknown[] = [version, fiscalYear, [...new Set(metrics.flatMap((m) => m.eventTypes))], ...live.parameters];
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
  if (metric.filter && Object.keys(metric.filter).length > 0) counted += ` AND f.data @> ${bind(JSON.stringify(metric.filter))}::jsonb`;
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
  return { knownAt: asOf.knownAt?.toISOString() ?? null, occurredBy: asOf.occurredBy ?? null, throughPosition };
}
