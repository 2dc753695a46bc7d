import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { MetricDefinition } from '@ledger/domain';
import { DataSource } from 'typeorm';
import { KpiReportReader } from './kpi-report.reader';
import { BreakdownRow, MetricFigure, MetricReportReader } from './metric-report.reader';
import { awaitPosition } from './read-your-writes';
import { REPORTING_METRICS } from './reporting-metrics.token';

export type MetricBreakdown =
  | { by: 'total' }
  | { by: 'municipality' }
  | { by: 'month' }
  | { by: 'grouping'; groupingId: string };

export interface MetricReport {
  fiscalYear: number;
  measureId: string | null;
  breakdown: MetricBreakdown['by'];
  totals: MetricFigure[];
  /** Empty for `total`; municipality code, `groupingId/memberId`, or month key otherwise. */
  rows: BreakdownRow[];
}

/** The plan has no grouping with this id (HTTP: 404). */
export class UnknownGroupingError extends Error {
  constructor(readonly groupingId: string) {
    super(`No grouping ${groupingId} in the plan`);
  }
}

/** Output metrics of one fiscal year, of one measure or all, with an optional breakdown. */
export class GetMetricsQuery extends Query<MetricReport> {
  constructor(
    readonly fiscalYear: number,
    readonly measureId: string | undefined,
    readonly breakdown: MetricBreakdown,
    readonly position?: number,
  ) {
    super();
  }
}

@QueryHandler(GetMetricsQuery)
export class GetMetricsHandler implements IQueryHandler<GetMetricsQuery, MetricReport> {
  private readonly reader: MetricReportReader;
  private readonly plans: KpiReportReader;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(REPORTING_METRICS) metrics: readonly MetricDefinition[],
  ) {
    this.reader = new MetricReportReader(dataSource, metrics);
    this.plans = new KpiReportReader(dataSource, metrics);
  }

  async execute(query: GetMetricsQuery): Promise<MetricReport> {
    await awaitPosition(this.dataSource, query.position);
    const { fiscalYear, measureId, breakdown } = query;
    const totals = await this.reader.totals(fiscalYear, measureId);
    return {
      fiscalYear,
      measureId: measureId ?? null,
      breakdown: breakdown.by,
      totals,
      rows: await this.rows(query),
    };
  }

  private async rows({
    fiscalYear,
    measureId,
    breakdown,
  }: GetMetricsQuery): Promise<BreakdownRow[]> {
    switch (breakdown.by) {
      case 'total':
        return [];
      case 'municipality':
        return this.reader.byMunicipality(fiscalYear, measureId);
      case 'month':
        return this.reader.byMonth(fiscalYear, measureId);
      case 'grouping': {
        const grouping = (await this.plans.plan()).groupings[breakdown.groupingId];
        if (!grouping) throw new UnknownGroupingError(breakdown.groupingId);
        return this.reader.byGrouping(fiscalYear, grouping, measureId);
      }
      default: {
        const unreachable: never = breakdown;
        throw new Error(`unknown breakdown ${JSON.stringify(unreachable)}`);
      }
    }
  }
}
