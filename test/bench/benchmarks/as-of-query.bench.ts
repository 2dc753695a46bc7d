import { AsOf, AsOfFiguresReader, openAuditDatabase, replayFigures } from '@ledger/audit';
import { METRICS } from '@ledger/domain';
import { Benchmark, judged } from '../benchmark';
import { percentile, sampleLatencies, timedMs } from '../measure/latency';
import { catchUpProjections } from '../support/bench-projections';

const FISCAL_YEAR = 2023;
const SAMPLES = 300;
const WARMUP = 20;

const AS_OF_P95 = {
  name: 'as-of KPI query p95',
  unit: 'ms',
  target: { kind: 'at-most', max: 25 },
} as const;
const AS_OF_SPEEDUP = {
  name: 'as-of KPI query vs replaying to that instant',
  unit: 'ms',
  target: { kind: 'speedup-at-least', min: 100 },
} as const;

/**
 * "What did the KPIs say at instant T?" for FY2023, T being when the event three quarters
 * of the way along the global order was recorded: from the bitemporal facts, against the
 * reference answer that reads the store up to T and folds it in memory. Both must agree.
 */
export const asOfQueryBenchmark: Benchmark = {
  name: 'as-of-query',
  figures: [AS_OF_P95, AS_OF_SPEEDUP],

  async run({ size, database, log }) {
    await catchUpProjections(database);
    const audit = await openAuditDatabase(database.url);
    try {
      const head = await database.eventStore.headPosition();
      const [atCut] = await database.eventStore.readAll({
        after: Math.floor(head * 0.75) - 1,
        maxCount: 1,
      });
      const asOf: AsOf = { knownAt: atCut.recordedAt, throughPosition: atCut.position };
      const reader = new AsOfFiguresReader(audit.database, METRICS);
      const answer = await reader.kpis(FISCAL_YEAR, asOf);
      const kpiMetrics = METRICS.filter((metric) =>
        answer.kpis.some((kpi) => kpi.metricId === metric.id),
      );

      let replayMs = Infinity;
      let replayed: Awaited<ReturnType<typeof replayFigures>> | undefined;
      for (let pass = 0; pass < 2; pass += 1) {
        const ms = await timedMs(async () => {
          replayed = await replayFigures(database.eventStore, kpiMetrics, FISCAL_YEAR, {
            ...asOf,
            throughPosition: atCut.position,
          });
        });
        replayMs = Math.min(replayMs, ms);
      }
      const disagreeing = answer.kpis.filter((kpi) => replayed?.values[kpi.metricId] !== kpi.value);
      if (disagreeing.length > 0) {
        throw new Error(
          `as-of and replay disagree on ${disagreeing.map((kpi) => `${kpi.kpiId} (${kpi.value} vs ${replayed?.values[kpi.metricId]})`).join(', ')}`,
        );
      }
      const latencies = await sampleLatencies(SAMPLES, WARMUP, () =>
        reader.kpis(FISCAL_YEAR, asOf),
      );
      const p95 = percentile(latencies, 0.95);
      log(
        `as-of: p95 ${p95.toFixed(1)} ms; replay of ${replayed?.eventsRead} events ${Math.round(replayMs)} ms`,
      );
      return [
        judged(AS_OF_P95, size, p95, null, `at position ${atCut.position} of ${head}`),
        judged(AS_OF_SPEEDUP, size, p95, {
          label: `replay of ${replayed?.eventsRead.toLocaleString('en')} events`,
          figure: replayMs,
        }),
      ];
    } finally {
      await audit.close();
    }
  },
};
