import {
  MetricDefinition,
  PlanState,
  achievementRate,
  annualTargetOf,
  cumulativeTargetOf,
  elapsedShareOfFiscalYear,
  fiscalYearOf,
  gradeFor,
  gradingBandsFor,
  paceTarget,
} from '@ledger/domain';
import { DataSource } from 'typeorm';
import { MetricReportReader } from './metric-report.reader';

export interface KpiFigure {
  kpiId: string;
  numbering: string;
  definition: string;
  unit: string;
  metricId: string;
  fiscalYear: number;
  target: number | null;
  actual: number;
  /** actual ÷ target (1 = 100%); null without a positive target. */
  achievementRate: number | null;
  grade: string | null;
  goal: { value: number; fromFiscalYear: number; toFiscalYear: number } | null;
  /** Sum of the yearly actuals from the goal's first fiscal year up to this one. */
  cumulativeActual: number | null;
  /** While the fiscal year runs: the target pro-rated by the elapsed share of the year. */
  pace: { asOf: string; elapsedShare: number; paceTarget: number; onPace: boolean } | null;
}

/** KPIs of a fiscal year: targets from the plan snapshot, actuals from the metric counters. */
export class KpiReportReader {
  private readonly metrics: MetricReportReader;

  constructor(
    private readonly dataSource: DataSource,
    metrics: readonly MetricDefinition[],
  ) {
    this.metrics = new MetricReportReader(dataSource, metrics);
  }

  /** The plan as it stands now: the latest state the build reached. */
  async plan(version?: string): Promise<PlanState> {
    const build = version ?? (await this.metrics.activeVersion());
    const rows: { plan: PlanState }[] = await this.dataSource.query(
      `SELECT plan FROM plan_snapshots WHERE projection_version = $1
        ORDER BY position DESC LIMIT 1`,
      [build],
    );
    return (
      rows[0]?.plan ?? {
        measures: {},
        kpis: {},
        targets: [],
        gradingBands: [],
        bodies: {},
        groupings: {},
      }
    );
  }

  /** `today` is the date in Japan (the caller's clock), used only for the pace. */
  async kpis(fiscalYear: number, today: string): Promise<KpiFigure[]> {
    const version = await this.metrics.activeVersion();
    const [plan, totals] = await Promise.all([
      this.plan(version),
      this.metrics.totals(fiscalYear, undefined, version),
    ]);
    const actuals = new Map(totals.map((figure) => [figure.metricId, figure.value]));
    const bands = gradingBandsFor(plan, fiscalYear);
    const running = fiscalYearOf(today) === fiscalYear;
    return Promise.all(
      Object.values(plan.kpis)
        .sort((a, b) => a.kpiId.localeCompare(b.kpiId))
        .map(async (kpi): Promise<KpiFigure> => {
          const actual = actuals.get(kpi.metricId) ?? 0;
          const target = annualTargetOf(plan, kpi.kpiId, fiscalYear) ?? null;
          const rate = target === null ? null : achievementRate(actual, target);
          const goal = cumulativeTargetOf(plan, kpi.kpiId, fiscalYear);
          const share = running ? elapsedShareOfFiscalYear(fiscalYear, today) : null;
          return {
            kpiId: kpi.kpiId,
            numbering: kpi.numbering,
            definition: kpi.definition,
            unit: kpi.unit,
            metricId: kpi.metricId,
            fiscalYear,
            target,
            actual,
            achievementRate: rate,
            grade: rate === null ? null : gradeFor(rate, bands),
            goal: goal
              ? {
                  value: goal.value,
                  fromFiscalYear: goal.fromFiscalYear,
                  toFiscalYear: goal.toFiscalYear,
                }
              : null,
            cumulativeActual: goal
              ? await this.metrics.sumOverYears(
                  kpi.metricId,
                  goal.fromFiscalYear,
                  fiscalYear,
                  version,
                )
              : null,
            pace:
              share === null || target === null
                ? null
                : {
                    asOf: today,
                    elapsedShare: share,
                    paceTarget: paceTarget(target, share),
                    onPace: actual >= paceTarget(target, share),
                  },
          };
        }),
    );
  }
}
