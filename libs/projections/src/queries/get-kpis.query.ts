import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { MetricDefinition, todayInJapan } from '@ledger/domain';
import { DataSource } from 'typeorm';
import { toCsv } from './csv-format';
import { KpiFigure, KpiReportReader } from './kpi-report.reader';
import { awaitPosition } from './read-your-writes';
import { REPORTING_METRICS } from './reporting-metrics.token';

/** GET /v1/kpis?fiscalYear=2023[&position=…]: every KPI of the plan for one fiscal year. */
export class GetKpisQuery extends Query<KpiFigure[]> {
  constructor(
    readonly fiscalYear: number,
    /** The instant the question is asked; the pace is computed for its date in Japan. */
    readonly now: Date,
    /** Last position the client wrote: wait (bounded) until the read models include it. */
    readonly position?: number,
  ) {
    super();
  }
}

@QueryHandler(GetKpisQuery)
export class GetKpisHandler implements IQueryHandler<GetKpisQuery, KpiFigure[]> {
  private readonly reader: KpiReportReader;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(REPORTING_METRICS) metrics: readonly MetricDefinition[],
  ) {
    this.reader = new KpiReportReader(dataSource, metrics);
  }

  async execute(query: GetKpisQuery): Promise<KpiFigure[]> {
    await awaitPosition(this.dataSource, query.position);
    return this.reader.kpis(query.fiscalYear, todayInJapan(query.now));
  }
}

export function kpisToCsv(figures: readonly KpiFigure[]): string {
  return toCsv(
    [
      'kpiId',
      'numbering',
      'fiscalYear',
      'target',
      'actual',
      'achievementRate',
      'grade',
      'goal',
      'goalFrom',
      'goalTo',
      'cumulativeActual',
      'paceTarget',
      'onPace',
      'unit',
      'definition',
    ],
    figures.map((f) => [
      f.kpiId,
      f.numbering,
      f.fiscalYear,
      f.target,
      f.actual,
      f.achievementRate,
      f.grade,
      f.goal?.value ?? null,
      f.goal?.fromFiscalYear ?? null,
      f.goal?.toFiscalYear ?? null,
      f.cumulativeActual,
      f.pace?.paceTarget ?? null,
      f.pace === null ? null : String(f.pace.onPace),
      f.unit,
      f.definition,
    ]),
  );
}
