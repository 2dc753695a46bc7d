import { METRICS, todayInJapan } from '@ledger/domain';
import { KpiReportReader } from '@ledger/projections';
import { Benchmark, judged } from '../benchmark';
import { FISCAL_YEARS } from '../dataset/synthetic-activities';
import { percentile, sampleLatencies } from '../measure/latency';
import { catchUpProjections } from '../support/bench-projections';

const SAMPLES = 1_000;
const WARMUP = 50;

const KPI_QUERY = {
  name: 'KPI query p95',
  unit: 'ms',
  target: { kind: 'at-most', max: 10 },
} as const;

/**
 * The KPIs of a fiscal year (targets and grading from the plan snapshot, actuals from the
 * metric counters, cumulative actuals, pace) as the api's reader computes them, one query
 * after another over the fiscal years; against a `SELECT 1` round trip on the same pool.
 */
export const kpiQueryBenchmark: Benchmark = {
  name: 'kpi-query',
  figures: [KPI_QUERY],

  async run({ size, database }) {
    await catchUpProjections(database);
    const dataSource = await database.readModels();
    const reader = new KpiReportReader(dataSource, METRICS);
    const today = todayInJapan(new Date());
    const figures = await reader.kpis(2023, today);
    if (figures.length === 0) throw new Error('the plan snapshot holds no KPI');
    const latencies = await sampleLatencies(SAMPLES, WARMUP, (i) =>
      reader.kpis(FISCAL_YEARS[i % FISCAL_YEARS.length], today),
    );
    const roundTrips = await sampleLatencies(SAMPLES, WARMUP, () => dataSource.query('SELECT 1'));
    return [
      judged(KPI_QUERY, size, percentile(latencies, 0.95), {
        label: 'SELECT 1 round trip p95',
        figure: percentile(roundTrips, 0.95),
      }),
    ];
  },
};
